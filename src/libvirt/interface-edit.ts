// Editing a network interface the VM already has: the new connection, model, MAC address and
// link state are written into the element as libvirt holds it, so that its PCI address, host
// device, driver and everything else stay as they were.
import type { DirectMode, InterfaceType, NewInterface } from "./device-xml.ts";
import type { DomainInterface } from "./domain-devices-xml.ts";
import {
    attributesOf, buildElement, childrenOf, editXml, element, type OrderedNode, parseRoot, replaceChildren, setAttributes, tagOf,
} from "./xml-edit.ts";

export interface InterfaceSettings extends NewInterface {
    linkUp: boolean;
}

const EDITABLE_TYPES: readonly string[] = ["network", "bridge", "direct"] satisfies InterfaceType[];
const DIRECT_MODES: readonly string[] = ["bridge", "vepa", "private", "passthrough"] satisfies DirectMode[];

/** An interface as the edit form shows it; undefined for kinds it does not handle (user mode, vhost-user…). */
export function settingsOf(nic: DomainInterface): InterfaceSettings | undefined {
    if (!EDITABLE_TYPES.includes(nic.type)) return undefined;
    const settings: InterfaceSettings = { type: nic.type as InterfaceType, source: nic.source, model: nic.model ?? "", mac: nic.mac, linkUp: nic.linkUp };
    if (nic.type === "direct") settings.mode = (DIRECT_MODES.includes(nic.mode ?? "") ? nic.mode : "vepa") as DirectMode;
    return settings;
}

const SWITCHABLE_LIVE: readonly string[] = ["network", "bridge"];

/**
 * What of `wanted` libvirt changes in the running VM (tried on libvirt 9.0): the link, and the
 * virtual network or host bridge it is connected to, also from one kind to the other. The
 * model ("cannot modify network device model"), the MAC address (UpdateDevice finds the device
 * by it) and macvtap attachments ("unable to change config on 'direct' network type") change
 * only when the VM next starts.
 */
export function liveSettings(current: InterfaceSettings, wanted: InterfaceSettings): InterfaceSettings {
    const switchable = SWITCHABLE_LIVE.includes(current.type) && SWITCHABLE_LIVE.includes(wanted.type);
    return switchable
        ? { ...current, type: wanted.type, source: wanted.source, linkUp: wanted.linkUp }
        : { ...current, linkUp: wanted.linkUp };
}

/** The interface in both forms is the same as far as the edit form can tell. */
export function sameSettings(a: InterfaceSettings, b: InterfaceSettings): boolean {
    return a.type === b.type && a.source === b.source && (a.type !== "direct" || a.mode === b.mode) &&
        a.model === b.model && a.mac.toLowerCase() === b.mac.toLowerCase() && a.linkUp === b.linkUp;
}

function childNamed(node: OrderedNode | undefined, tag: string): OrderedNode | undefined {
    return node ? childrenOf(node).find(c => tagOf(c) === tag) : undefined;
}

function attributeOf(node: OrderedNode | undefined, name: string): string | undefined {
    return node ? attributesOf(node)[name] : undefined;
}

function interfaceIn(domain: OrderedNode, mac: string): OrderedNode | undefined {
    return childrenOf(childNamed(domain, "devices") ?? {}).find(c =>
        tagOf(c) === "interface" && attributeOf(childNamed(c, "mac"), "address")?.toLowerCase() === mac.toLowerCase());
}

function sourceAttributes(nic: InterfaceSettings): Record<string, string> {
    if (nic.type === "network") return { network: nic.source };
    if (nic.type === "bridge") return { bridge: nic.source };
    return { dev: nic.source, mode: nic.mode ?? "bridge" };
}

function replaceOne(parent: OrderedNode, node: OrderedNode): void {
    const tag = tagOf(node);
    replaceChildren(parent, c => tagOf(c) === tag, [node]);
}

/** Writes `wanted` into the <interface> element `iface`, in place. */
export function applyInterfaceSettings(iface: OrderedNode, wanted: InterfaceSettings): void {
    const source = childNamed(iface, "source");
    const wantedSource = sourceAttributes(wanted);
    // An unchanged source is kept as it is: a running VM's carries libvirt's port and bridge.
    const sameSource = attributeOf(iface, "type") === wanted.type &&
        Object.entries(wantedSource).every(([key, value]) => attributeOf(source, key) === value);
    setAttributes(iface, { type: wanted.type });
    if (!sameSource) replaceOne(iface, element("source", wantedSource));
    const mac = wanted.mac.trim().toLowerCase();
    if (attributeOf(childNamed(iface, "mac"), "address")?.toLowerCase() !== mac) replaceOne(iface, element("mac", { address: mac }));
    if (wanted.model && attributeOf(childNamed(iface, "model"), "type") !== wanted.model) replaceOne(iface, element("model", { type: wanted.model }));
    if (childNamed(iface, "link") || !wanted.linkUp) replaceOne(iface, element("link", { state: wanted.linkUp ? "up" : "down" }));
}

/** The interface with MAC `mac` of `domainXml` changed to `wanted`, as the XML UpdateDevice takes; undefined when there is none. */
export function editedInterfaceXml(domainXml: string, mac: string, wanted: InterfaceSettings): string | undefined {
    const iface = interfaceIn(parseRoot(domainXml, "domain"), mac);
    if (!iface) return undefined;
    applyInterfaceSettings(iface, wanted);
    return buildElement(iface);
}

/** The whole domain XML with the interface with MAC `mac` changed to `wanted`; undefined when there is none. */
export function withEditedInterface(domainXml: string, mac: string, wanted: InterfaceSettings): string | undefined {
    if (!interfaceIn(parseRoot(domainXml, "domain"), mac)) return undefined;
    return editXml(domainXml, "domain", root => {
        const iface = interfaceIn(root, mac);
        if (iface) applyInterfaceSettings(iface, wanted);
    });
}
