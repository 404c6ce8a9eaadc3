// Host devices given to VMs: the host's PCI and USB node devices as libvirt describes them, the
// <hostdev> elements of a domain, and the <hostdev> that gives one device to a VM.
import { attr, child, children, documentElement, text, xmlBuilder, type XmlNode } from "./xml.ts";

export type HostDeviceKind = "pci" | "usb";

export interface PciAddress { domain: number; bus: number; slot: number; function: number }
export interface UsbAddress { bus: number; device: number }

/** A PCI or USB device of the host (a libvirt node device). */
export interface HostDevice {
    /** libvirt's node device name, e.g. pci_0000_00_02_0. */
    name: string;
    kind: HostDeviceKind;
    /** Bus address as users read it: 0000:00:02.0 for PCI, 001:004 for USB. */
    address: string;
    pci?: PciAddress;
    usb?: UsbAddress;
    vendorId: string;
    productId: string;
    vendorName: string;
    productName: string;
    /** The host driver bound to it (vfio-pci when it is already detached for a VM). */
    driver: string;
    /** Where the host has an IOMMU; without one PCI devices cannot be given to a VM. */
    iommuGroup: number | undefined;
}

/** A <hostdev> of a domain: what it points at on the host. */
export interface DomainHostDevice {
    kind: HostDeviceKind;
    pci?: PciAddress;
    usb?: UsbAddress;
    vendorId?: string;
    productId?: string;
    managed: boolean;
}

const num = (value: string | undefined): number => {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : 0;
};

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, "0");

export function pciAddressText(a: PciAddress): string {
    return `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${String(a.function)}`;
}

export function usbAddressText(a: UsbAddress): string {
    return `${String(a.bus).padStart(3, "0")}:${String(a.device).padStart(3, "0")}`;
}

/** One node device's XML; undefined for devices other than PCI and USB ones. */
export function parseHostDevice(xml: string): HostDevice | undefined {
    const device = documentElement(xml, "device");
    const cap = children(device, "capability")[0] ?? child(device, "capability");
    const kind = attr(cap, "type");
    const name = text(child(device, "name")) ?? "";
    const vendor = child(cap, "vendor");
    const product = child(cap, "product");
    const common = {
        name,
        vendorId: attr(vendor, "id") ?? "",
        productId: attr(product, "id") ?? "",
        vendorName: text(vendor) ?? "",
        productName: text(product) ?? "",
        driver: text(child(child(device, "driver"), "name")) ?? "",
    };
    if (kind === "pci") {
        const pci = { domain: num(text(child(cap, "domain"))), bus: num(text(child(cap, "bus"))), slot: num(text(child(cap, "slot"))), function: num(text(child(cap, "function"))) };
        const group = attr(child(cap, "iommuGroup"), "number");
        return { ...common, kind, pci, address: pciAddressText(pci), iommuGroup: group === undefined ? undefined : num(group) };
    }
    if (kind === "usb_device") {
        const usb = { bus: num(text(child(cap, "bus"))), device: num(text(child(cap, "device"))) };
        return { ...common, kind: "usb", usb, address: usbAddressText(usb), iommuGroup: undefined };
    }
    return undefined;
}

function parseAddress(node: XmlNode | undefined): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of ["domain", "bus", "slot", "function", "device"]) {
        const value = attr(node, key);
        if (value !== undefined) out[key] = Number(value);
    }
    return out;
}

/** The <hostdev mode='subsystem'> elements of a domain's <devices>. */
export function parseDomainHostDevices(devices: XmlNode | undefined): DomainHostDevice[] {
    const out: DomainHostDevice[] = [];
    for (const node of children(devices, "hostdev")) {
        if (attr(node, "mode") !== "subsystem") continue;
        const type = attr(node, "type");
        const source = child(node, "source");
        const address = parseAddress(child(source, "address"));
        const managed = attr(node, "managed") === "yes";
        if (type === "pci") {
            out.push({ kind: "pci", managed, pci: { domain: address.domain ?? 0, bus: address.bus ?? 0, slot: address.slot ?? 0, function: address.function ?? 0 } });
        } else if (type === "usb") {
            const vendorId = attr(child(source, "vendor"), "id");
            const productId = attr(child(source, "product"), "id");
            out.push({
                kind: "usb", managed,
                ...(address.bus !== undefined && address.device !== undefined ? { usb: { bus: address.bus, device: address.device } } : {}),
                ...(vendorId ? { vendorId } : {}),
                ...(productId ? { productId } : {}),
            });
        }
    }
    return out;
}

const sameId = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && Number(a) === Number(b);

/** Whether a domain's <hostdev> points at this host device. */
export function refersTo(hostdev: DomainHostDevice, device: HostDevice): boolean {
    if (hostdev.kind !== device.kind) return false;
    if (hostdev.kind === "pci") return hostdev.pci !== undefined && device.pci !== undefined && pciAddressText(hostdev.pci) === pciAddressText(device.pci);
    if (hostdev.usb && device.usb) return hostdev.usb.bus === device.usb.bus && hostdev.usb.device === device.usb.device;
    return sameId(hostdev.vendorId, device.vendorId) && sameId(hostdev.productId, device.productId);
}

/** How a <hostdev> is named to users: its address, or a USB device's vendor:product IDs. */
export function hostDeviceLabel(hostdev: DomainHostDevice): string {
    if (hostdev.pci) return pciAddressText(hostdev.pci);
    if (hostdev.usb) return usbAddressText(hostdev.usb);
    return `${(hostdev.vendorId ?? "").replace(/^0x/, "")}:${(hostdev.productId ?? "").replace(/^0x/, "")}`;
}

/**
 * The <hostdev> giving `device` to a VM. PCI: managed, so libvirt binds it to vfio-pci for the VM
 * and gives it back to its driver after. USB: by vendor and product, so it follows the device to
 * another port (by address where another device has the same IDs).
 */
export function hostDeviceXml(device: Pick<DomainHostDevice, "kind" | "pci" | "usb" | "vendorId" | "productId">): string {
    let source: XmlNode;
    if (device.kind === "pci" && device.pci) {
        const a = device.pci;
        source = { address: { "@_domain": `0x${hex(a.domain, 4)}`, "@_bus": `0x${hex(a.bus, 2)}`, "@_slot": `0x${hex(a.slot, 2)}`, "@_function": `0x${String(a.function)}` } };
    } else if (device.vendorId && device.productId) {
        source = { vendor: { "@_id": device.vendorId }, product: { "@_id": device.productId } };
    } else if (device.usb) {
        source = { address: { "@_bus": String(device.usb.bus), "@_device": String(device.usb.device) } };
    } else {
        throw new Error("a host device without an address");
    }
    return xmlBuilder.build({ hostdev: { "@_mode": "subsystem", "@_type": device.kind, "@_managed": "yes", source } });
}
