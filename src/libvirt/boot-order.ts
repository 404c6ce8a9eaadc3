// Setting a domain's boot order as an ordered list of device kinds (<os><boot dev=…/>).
// libvirt refuses <os><boot> together with per-device <boot order>, so those are dropped.
import { childrenOf, editXml, element, type OrderedNode, replaceChildren, tagOf } from "./xml-edit.ts";

export type BootDevice = "hd" | "cdrom" | "network" | "fd";

export const BOOT_DEVICES: readonly BootDevice[] = ["hd", "cdrom", "network", "fd"];

function dropDeviceBootOrder(devices: OrderedNode): void {
    for (const device of childrenOf(devices)) replaceChildren(device, c => tagOf(c) === "boot", []);
}

export function withBootOrder(domainXml: string, order: readonly BootDevice[]): string {
    return editXml(domainXml, "domain", root => {
        const os = childrenOf(root).find(c => tagOf(c) === "os");
        if (!os) throw new Error("the domain has no <os> element");
        replaceChildren(os, c => tagOf(c) === "boot", order.map(dev => element("boot", { dev })));
        const devices = childrenOf(root).find(c => tagOf(c) === "devices");
        if (devices) dropDeviceBootOrder(devices);
    });
}
