// The new-VM XML builder gives a VM one NIC; an imported OVF may have several, each put on the
// chosen network like the first.
import { childrenOf, editXml, type OrderedNode, tagOf } from "../../libvirt/xml-edit.ts";

/** `xml` with `count` more copies of its first interface (libvirt gives each its own MAC address). */
export function addInterfaces(xml: string, count: number): string {
    if (count <= 0) return xml;
    return editXml(xml, "domain", root => {
        const devices = childrenOf(root).find(c => tagOf(c) === "devices");
        if (!devices) return;
        const list = childrenOf(devices);
        const at = list.findIndex(c => tagOf(c) === "interface");
        const first = list[at];
        if (!first) return;
        list.splice(at + 1, 0, ...Array.from({ length: count }, (): OrderedNode => JSON.parse(JSON.stringify(first)) as OrderedNode));
    });
}
