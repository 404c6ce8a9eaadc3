// The fixes a suggestion offers. Each changes only what its suggestion is about; libvirt checks
// the change before it keeps it, so a refused fix leaves the VM as it was.
import { _ } from "../../lib/i18n.ts";
import { agentChannelXml } from "../../libvirt/agent-channel-xml.ts";
import { withNamedCpuModel } from "../../libvirt/cpu-model-xml.ts";
import { AFFECT_CONFIG, AFFECT_LIVE, attachDevice } from "../../libvirt/device-api.ts";
import {
    attachDeviceToConfig, defineDomain, domainPath, type DomainRef, getDomainProperties, getDomainXml, setAutostart, XmlFlags,
} from "../../libvirt/domain-api.ts";
import { parseDomainXml } from "../../libvirt/domain-xml.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { type SuggestionFix, tcgCpuModel } from "./rules.ts";

/** Adds our agent's channel to the saved definition, and to the running VM where it can be hot-plugged. */
export async function addAgentChannel(vm: DomainRef): Promise<void> {
    const path = await domainPath(vm);
    const live = (await getDomainProperties(vm.connection, path)).active ? parseDomainXml(await getDomainXml(vm.connection, path)) : undefined;
    if (live?.virtioSerial) await attachDevice(vm.connection, path, agentChannelXml(), AFFECT_LIVE | AFFECT_CONFIG);
    else await attachDeviceToConfig(vm.connection, path, agentChannelXml());
}

async function setNamedCpuModel(vm: DomainRef): Promise<void> {
    const path = await domainPath(vm);
    const xml = await getDomainXml(vm.connection, path, XmlFlags.Secure | XmlFlags.Inactive);
    const model = tcgCpuModel(parseDomainXml(xml));
    if (!model) throw invalidInput(_("No named CPU model is known for this VM's architecture: choose one by hand."));
    await defineDomain(vm.connection, withNamedCpuModel(xml, model));
}

export async function applySuggestionFix(vm: DomainRef, fix: SuggestionFix): Promise<void> {
    switch (fix) {
    case "add-agent-channel":
        return addAgentChannel(vm);
    case "named-cpu-model":
        return setNamedCpuModel(vm);
    case "enable-autostart":
        return setAutostart(vm.connection, await domainPath(vm), true);
    }
}
