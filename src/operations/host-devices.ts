// Host PCI and USB devices given to VMs: the host's devices with the VMs using them, and giving
// or taking one back. Every check runs before libvirt is asked: libvirt takes a PCI device into a
// shut-off VM's definition on a host without an IOMMU, and the VM then fails at its next start.
import { mapLimit } from "../lib/concurrency.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { attachDevice, detachDevice, type Scope, scopeFlags } from "../libvirt/device-api.ts";
import { domainPath, type DomainRef, getDomainName, getDomainXml, listDomains, XmlFlags } from "../libvirt/domain-api.ts";
import { parseDomainXml } from "../libvirt/domain-xml.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { type DomainHostDevice, type HostDevice, hostDeviceLabel, hostDeviceXml, refersTo } from "../libvirt/host-device-xml.ts";
import { listHostDevices } from "../libvirt/node-device-api.ts";
import { failure } from "./disk-actions.ts";

export interface HostDeviceUse extends HostDevice {
    /** Names of the VMs whose definition (saved or running) holds it. */
    usedBy: string[];
}

/** What each VM of the host has been given, read from the saved and the running definitions. */
async function hostDevicesOfVms(conn: ConnectionId): Promise<{ name: string; devices: DomainHostDevice[] }[]> {
    const paths = await listDomains(conn);
    const vms = await mapLimit(paths, 8, async path => {
        try {
            const [name, saved, live] = await Promise.all([
                getDomainName(conn, path), getDomainXml(conn, path, XmlFlags.Inactive), getDomainXml(conn, path),
            ]);
            return { name, devices: [...parseDomainXml(saved).hostDevices, ...parseDomainXml(live).hostDevices] };
        } catch {
            // A VM undefined while it was read holds nothing any more.
            return undefined;
        }
    });
    return vms.filter(v => v !== undefined);
}

/** The host's PCI and USB devices, each with the VMs that hold it. */
export async function hostDeviceUses(conn: ConnectionId): Promise<HostDeviceUse[]> {
    const [devices, vms] = await Promise.all([listHostDevices(conn), hostDevicesOfVms(conn)]);
    return devices.map(device => ({
        ...device,
        usedBy: vms.filter(vm => vm.devices.some(d => refersTo(d, device))).map(vm => vm.name),
    }));
}

/** Why `device` cannot be given to `vmName`, or undefined when it can. */
export function hostDeviceProblem(device: HostDeviceUse, vmName: string): string | undefined {
    if (device.usedBy.includes(vmName)) return format(_("$0 already has this device."), vmName);
    const others = device.usedBy.filter(n => n !== vmName);
    if (others.length > 0) return format(_("$0 already uses this device: a device can belong to one virtual machine only."), others.join(", "));
    if (device.kind === "pci" && device.iommuGroup === undefined)
        return _("This host has no IOMMU, so its PCI devices cannot be given to a virtual machine. Turn on VT-d (Intel) or AMD-Vi (AMD) in the firmware and start the host with intel_iommu=on or amd_iommu=on.");
    return undefined;
}

/**
 * Gives `device` to the VM. A USB device is named by vendor and product, unless another device
 * of the host has the same IDs: then by its bus address.
 */
export async function attachHostDevice(vm: DomainRef, device: HostDeviceUse, all: readonly HostDevice[], scope: Scope): Promise<void> {
    const summary = format(_("$0 was not given to the virtual machine"), device.address);
    const problem = hostDeviceProblem(device, vm.name);
    if (problem) throw invalidInput(summary, problem);
    const twin = device.kind === "usb" && all.some(d => d.name !== device.name && d.kind === "usb" && d.vendorId === device.vendorId && d.productId === device.productId);
    const xml = hostDeviceXml(twin && device.usb ? { kind: "usb", usb: device.usb } : device);
    try {
        await attachDevice(vm.connection, await domainPath(vm), xml, scopeFlags(scope));
    } catch (error) {
        throw failure(summary, error);
    }
}

/** Takes a device back from the VM: a managed PCI device returns to its host driver. */
export async function detachHostDevice(vm: DomainRef, hostdev: DomainHostDevice, scope: Scope): Promise<void> {
    try {
        await detachDevice(vm.connection, await domainPath(vm), hostDeviceXml(hostdev), scopeFlags(scope));
    } catch (error) {
        throw failure(format(_("$0 could not be taken back from the virtual machine"), hostDeviceLabel(hostdev)), error);
    }
}
