// What the network interface dialogs do: checks first, then the libvirt calls.
import { _, format } from "../../../lib/i18n.ts";
import { attachDevice, detachExisting, scopeFlags, type Scope, setLinkState } from "../../../libvirt/device-api.ts";
import { interfaceXml, macProblem, type NewInterface } from "../../../libvirt/device-xml.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { domainPath } from "../../vm-actions/vm-actions.ts";
import { failure } from "../disks/disk-actions.ts";

export async function addInterface(vm: Vm, nic: NewInterface, takenMacs: readonly string[], scope: Scope): Promise<void> {
    const problem = macProblem(nic.mac, takenMacs);
    if (problem) throw invalidInput(_("The network interface was not added"), problem);
    if (nic.source.trim() === "") {
        throw invalidInput(_("The network interface was not added"),
                      nic.type === "network" ? _("Choose a virtual network.") : _("Enter the host device to connect to."));
    }
    const path = await domainPath(vm);
    try {
        await attachDevice(vm.connection, path, interfaceXml({ ...nic, source: nic.source.trim(), mac: nic.mac.trim() }), scopeFlags(scope));
    } catch (error) {
        throw failure(_("The network interface could not be added"), error);
    }
}

export async function removeInterface(vm: Vm, mac: string, scope: Scope): Promise<void> {
    const path = await domainPath(vm);
    try {
        await detachExisting(vm.connection, path, "interface", mac, scope);
    } catch (error) {
        throw failure(_("The network interface could not be removed"), error);
    }
}

export async function plugInterface(vm: Vm, mac: string, up: boolean, scope: Scope): Promise<void> {
    const path = await domainPath(vm);
    try {
        await setLinkState(vm.connection, path, mac, up, scope);
    } catch (error) {
        throw failure(up ? format(_("The link of $0 could not be plugged in"), mac) : format(_("The link of $0 could not be unplugged"), mac), error);
    }
}
