// What the network interface dialogs do: checks first, then the libvirt calls.
import { _, format } from "../lib/i18n.ts";
import { attachDevice, detachExisting, editInterface, type InterfaceEdit, type Scope, scopeFlags, setLinkState } from "../libvirt/device-api.ts";
import { interfaceXml, macProblem, type NewInterface, vlanProblem } from "../libvirt/device-xml.ts";
import { domainPath, type DomainRef } from "../libvirt/domain-api.ts";
import type { DomainInterface } from "../libvirt/domain-devices-xml.ts";
import { describeError, invalidInput, type LibvirtError } from "../libvirt/errors.ts";
import { type InterfaceSettings, liveSettings, sameSettings, settingsOf } from "../libvirt/interface-edit.ts";
import { failure } from "./disk-actions.ts";

function checkSource(nic: NewInterface, summary: string): void {
    if (nic.source.trim() === "")
        throw invalidInput(summary, nic.type === "network" ? _("Choose a virtual network.") : _("Enter the host device to connect to."));
}

/**
 * libvirt 9 tags traffic only where the switch can (Open vSwitch bridges and networks, SR-IOV
 * passthrough); a plain Linux bridge or a NAT network is refused when the interface is plugged
 * in or the VM starts, a saved definition takes the tag.
 */
function vlanRefusal(error: unknown): LibvirtError | undefined {
    const { detail } = describeError(error);
    return /vlan tag not supported/i.test(detail)
        ? invalidInput(_("This connection cannot carry a VLAN tag: libvirt tags traffic only on Open vSwitch bridges and networks. Leave the tag empty, or connect to an Open vSwitch bridge."), detail)
        : undefined;
}

export async function addInterface(vm: DomainRef, nic: NewInterface, takenMacs: readonly string[], scope: Scope): Promise<void> {
    const summary = _("The network interface was not added");
    const problem = macProblem(nic.mac, takenMacs) ?? (nic.vlan === undefined ? null : vlanProblem(String(nic.vlan)));
    if (problem) throw invalidInput(summary, problem);
    if (nic.vlan !== undefined && nic.type === "direct") throw invalidInput(summary, _("A direct (macvtap) attachment takes no VLAN tag here."));
    checkSource(nic, summary);
    const path = await domainPath(vm);
    try {
        await attachDevice(vm.connection, path, interfaceXml({ ...nic, source: nic.source.trim(), mac: nic.mac.trim() }), scopeFlags(scope));
    } catch (error) {
        throw vlanRefusal(error) ?? failure(_("The network interface could not be added"), error);
    }
}

export async function removeInterface(vm: DomainRef, mac: string, scope: Scope): Promise<void> {
    const path = await domainPath(vm);
    try {
        await detachExisting(vm.connection, path, "interface", mac, scope);
    } catch (error) {
        throw failure(_("The network interface could not be removed"), error);
    }
}

export async function plugInterface(vm: DomainRef, mac: string, up: boolean, scope: Scope): Promise<void> {
    const path = await domainPath(vm);
    try {
        await setLinkState(vm.connection, path, mac, up, scope);
    } catch (error) {
        throw failure(up ? format(_("The link of $0 could not be plugged in"), mac) : format(_("The link of $0 could not be unplugged"), mac), error);
    }
}

/**
 * Changes an interface. A shut-off VM's saved definition takes everything; a running VM gets
 * what libvirt can change live at once, and the rest goes to its saved definition for the
 * next start. `live` is the interface in the running VM, `saved` the same one in the saved
 * definition (absent when it was plugged in only until shutdown).
 */
export async function changeInterface(vm: DomainRef & { persistent: boolean }, live: DomainInterface, saved: DomainInterface | undefined,
                                      wanted: InterfaceSettings, takenMacs: readonly string[], running: boolean): Promise<void> {
    const summary = _("The network interface was not changed");
    if (wanted.mac.trim() === "") throw invalidInput(summary, _("Enter a MAC address."));
    const problem = macProblem(wanted.mac, takenMacs);
    if (problem) throw invalidInput(summary, problem);
    checkSource(wanted, summary);
    const settings = { ...wanted, source: wanted.source.trim(), mac: wanted.mac.trim().toLowerCase() };
    const current = settingsOf(live);
    if (!current) throw invalidInput(summary, _("This kind of network interface cannot be edited here."));

    let liveEdit: InterfaceEdit | null = null;
    const savedNow = saved && settingsOf(saved);
    let savedEdit: InterfaceEdit | null = saved && vm.persistent ? { mac: saved.mac, settings } : null;
    if (running) {
        const now = liveSettings(current, settings);
        if (!sameSettings(now, current)) liveEdit = { mac: live.mac, settings: now };
        if (!savedEdit && !sameSettings(now, settings)) {
            // Plugged in only until shutdown: there is no saved definition to take the rest.
            throw invalidInput(summary, _("The model, the MAC address and a direct (macvtap) attachment cannot change while the virtual machine runs, and this interface is not kept for its next start. Change them when it is shut off."));
        }
    } else if (!savedEdit) {
        savedEdit = { mac: live.mac, settings };
    }
    if (savedEdit && savedNow && sameSettings(savedNow, settings)) savedEdit = null;
    const path = await domainPath(vm);
    try {
        await editInterface(vm.connection, path, liveEdit, savedEdit);
    } catch (error) {
        throw failure(_("The network interface could not be changed"), error);
    }
}
