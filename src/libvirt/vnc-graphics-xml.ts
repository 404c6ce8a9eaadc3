// Adds a VNC display to a domain XML document, through the order-keeping edit so that nothing
// else in it moves or changes.
import { _ } from "../lib/i18n.ts";
import { LibvirtError } from "./errors.ts";
import { attributesOf, childrenOf, editXml, element, tagOf } from "./xml-edit.ts";

/**
 * The domain XML with `<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>` added, and a
 * VGA video device when it has none. Throws when it already has a VNC display.
 */
export function addVncToDomainXml(xml: string): string {
    return editXml(xml, "domain", domain => {
        let devices = childrenOf(domain).find(n => tagOf(n) === "devices");
        if (!devices) {
            devices = element("devices");
            childrenOf(domain).push(devices);
        }
        const deviceList = childrenOf(devices);
        if (deviceList.some(n => tagOf(n) === "graphics" && attributesOf(n).type === "vnc"))
            throw new LibvirtError({ kind: "libvirt", summary: _("This virtual machine already has a VNC display"), detail: "" });
        deviceList.push(element("graphics", { type: "vnc", autoport: "yes", listen: "127.0.0.1" }));
        if (!deviceList.some(n => tagOf(n) === "video"))
            deviceList.push(element("video", {}, [element("model", { type: "vga" })]));
    });
}
