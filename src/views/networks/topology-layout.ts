// Where the network topology's boxes and lines go: host interfaces on the left, bridges and
// virtual networks in the middle, VMs with their interfaces on the right. Pure, so that it is
// unit-tested; a network with many VMs shows them as one group box until it is expanded.

export interface TopologyHostInterface {
    name: string;
    /** `ip -d` link kind: "bridge", "tun", "veth", …; "" for a plain device. */
    kind: string;
    /** The bridge it is a port of. */
    master?: string | undefined;
}

export interface TopologyNetwork {
    name: string;
    bridge?: string | undefined;
    forwardMode: string;
    forwardDevices: readonly string[];
    active: boolean;
}

export interface TopologyNic {
    mac: string;
    /** libvirt's interface type: network, bridge, direct, user, … */
    type: string;
    source: string;
}

export interface TopologyVm {
    name: string;
    running: boolean;
    nics: readonly TopologyNic[];
}

export interface TopologyInput {
    hostInterfaces: readonly TopologyHostInterface[];
    networks: readonly TopologyNetwork[];
    vms: readonly TopologyVm[];
    /** Ids of the groups shown VM by VM although they are large. */
    expanded: ReadonlySet<string>;
}

export type NodeKind = "interface" | "bridge" | "network" | "vm" | "group";

export interface TopologyNode {
    id: string;
    kind: NodeKind;
    label: string;
    /** A network's bridge or devices, an interface's kind. */
    detail: string;
    x: number;
    y: number;
    width: number;
    height: number;
    /** Network and VM nodes: the name their page is found by. */
    name?: string;
    active?: boolean;
    /** A VM's interfaces, one row each (y is the row's middle). */
    rows?: { label: string; y: number }[];
    /** A group: how many VMs it stands for. */
    count?: number;
}

export interface TopologyEdge {
    id: string;
    x1: number;
    y1: number;
    x2: number;
    y2: number;
}

export interface Topology {
    nodes: TopologyNode[];
    edges: TopologyEdge[];
    width: number;
    height: number;
}

/** More VMs than this on one network are drawn as one group box until expanded. */
export const GROUP_LIMIT = 8;
export const NODE_WIDTH = 200;
const COLUMN_GAP = 90;
const HEADER = 30;
const ROW = 20;
const GAP = 12;
/** Host-side devices that stand for a VM's interface, not a host connection. */
const VM_SIDE_KINDS = new Set(["tun", "tap", "macvtap", "veth"]);
const NO_HUB = "none";

const columnX = (column: number): number => column * (NODE_WIDTH + COLUMN_GAP);
export const interfaceId = (name: string): string => `if:${name}`;
export const networkId = (name: string): string => `net:${name}`;
export const bridgeId = (name: string): string => `br:${name}`;
export const groupId = (hub: string): string => `group:${hub}`;

const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);

/** The middle column: every network, and each host bridge that is no network's own; by bridge name too. */
function hubsOf(input: TopologyInput): { hubs: TopologyNode[]; byBridge: Map<string, string> } {
    const hubs: TopologyNode[] = [];
    const byBridge = new Map<string, string>();
    for (const n of [...input.networks].sort(byName)) {
        hubs.push({ id: networkId(n.name), kind: "network", label: n.name, detail: n.bridge ?? n.forwardDevices.join(", "),
                    name: n.name, active: n.active, x: columnX(1), y: 0, width: NODE_WIDTH, height: HEADER + ROW });
        if (n.bridge) byBridge.set(n.bridge, networkId(n.name));
    }
    const bridges = new Set(input.hostInterfaces.filter(i => i.kind === "bridge").map(i => i.name));
    // A VM may name a bridge the host interfaces do not show (not read, or gone).
    for (const vm of input.vms) for (const nic of vm.nics) if (nic.type === "bridge" && nic.source) bridges.add(nic.source);
    for (const name of [...bridges].sort()) {
        if (byBridge.has(name)) continue;
        hubs.push({ id: bridgeId(name), kind: "bridge", label: name, detail: "", x: columnX(1), y: 0, width: NODE_WIDTH, height: HEADER });
        byBridge.set(name, bridgeId(name));
    }
    return { hubs, byBridge };
}

/** The node a VM's interface connects to, or undefined (user mode, unknown). */
function nicTarget(nic: TopologyNic, byBridge: ReadonlyMap<string, string>, networks: ReadonlySet<string>, interfaces: ReadonlySet<string>): string | undefined {
    if (nic.type === "network" && networks.has(nic.source)) return networkId(nic.source);
    if (nic.type === "bridge") return byBridge.get(nic.source);
    if (nic.type === "direct" && interfaces.has(nic.source)) return interfaceId(nic.source);
    return undefined;
}

function vmNode(vm: TopologyVm, y: number): TopologyNode {
    return {
        id: `vm:${vm.name}`, kind: "vm", label: vm.name, detail: "", name: vm.name, active: vm.running,
        x: columnX(2), y, width: NODE_WIDTH, height: HEADER + Math.max(vm.nics.length, 1) * ROW,
        rows: vm.nics.map((nic, index) => ({ label: nic.mac || nic.type, y: y + HEADER + index * ROW + ROW / 2 })),
    };
}

const edge = (from: TopologyNode, fromY: number, to: TopologyNode, toY: number): TopologyEdge =>
    ({ id: `${from.id}>${to.id}@${String(toY)}`, x1: from.x + from.width, y1: fromY, x2: to.x, y2: toY });

const middle = (node: TopologyNode): number => node.y + node.height / 2;

export function layoutTopology(input: TopologyInput): Topology {
    const { hubs, byBridge } = hubsOf(input);
    const hubById = new Map(hubs.map(h => [h.id, h]));
    const interfaces = input.hostInterfaces
        .filter(i => i.name !== "lo" && i.kind !== "bridge" && !VM_SIDE_KINDS.has(i.kind))
        .sort(byName)
        .map((i): TopologyNode => ({ id: interfaceId(i.name), kind: "interface", label: i.name, detail: i.kind, x: columnX(0), y: 0, width: NODE_WIDTH, height: HEADER }));
    const interfaceNames = new Set(input.hostInterfaces.map(i => i.name));
    const networkNames = new Set(input.networks.map(n => n.name));
    const target = (nic: TopologyNic): string | undefined => nicTarget(nic, byBridge, networkNames, interfaceNames);

    // Each VM goes with the hub of its first connected interface.
    const members = new Map<string, TopologyVm[]>();
    for (const vm of [...input.vms].sort(byName)) {
        const hub = vm.nics.map(target).find(t => t !== undefined && hubById.has(t)) ?? NO_HUB;
        members.set(hub, [...members.get(hub) ?? [], vm]);
    }

    const nodes: TopologyNode[] = [];
    const edges: TopologyEdge[] = [];
    const vmNodes = new Map<string, TopologyNode>();
    let hubY = 0;
    let vmY = 0;
    for (const hub of [...hubs, undefined]) {
        const hubKey = hub?.id ?? NO_HUB;
        const vms = members.get(hubKey) ?? [];
        if (hub) {
            hub.y = Math.max(hubY, vmY);
            hubY = hub.y + hub.height + GAP;
            nodes.push(hub);
        }
        vmY = Math.max(vmY, hub?.y ?? 0);
        const id = groupId(hubKey);
        if (vms.length > GROUP_LIMIT && !input.expanded.has(id)) {
            const group: TopologyNode = { id, kind: "group", label: hub?.label ?? "", detail: "", count: vms.length,
                                          x: columnX(2), y: vmY, width: NODE_WIDTH, height: HEADER + ROW };
            nodes.push(group);
            if (hub) edges.push(edge(hub, middle(hub), group, middle(group)));
            vmY += group.height + GAP;
            continue;
        }
        for (const vm of vms) {
            const node = vmNode(vm, vmY);
            nodes.push(node);
            vmNodes.set(vm.name, node);
            vmY += node.height + GAP;
        }
    }

    // Host interfaces beside what they serve: ports of a bridge, devices of a network.
    const serves = (i: TopologyNode): string | undefined => {
        const port = input.hostInterfaces.find(h => h.name === i.label)?.master;
        if (port !== undefined && byBridge.has(port)) return byBridge.get(port);
        const network = input.networks.find(n => n.forwardDevices.includes(i.label));
        return network && networkId(network.name);
    };
    const hubOrder = new Map(hubs.map((h, index) => [h.id, index]));
    const rank = (i: TopologyNode): number => hubOrder.get(serves(i) ?? "") ?? hubs.length;
    interfaces.sort((a, b) => rank(a) - rank(b));
    let interfaceY = 0;
    for (const i of interfaces) {
        const hub = hubById.get(serves(i) ?? "");
        i.y = Math.max(interfaceY, hub?.y ?? 0);
        interfaceY = i.y + i.height + GAP;
        nodes.push(i);
        if (hub) edges.push(edge(i, middle(i), hub, middle(hub)));
    }
    const interfaceById = new Map(interfaces.map(i => [i.id, i]));

    for (const vm of input.vms) {
        const node = vmNodes.get(vm.name);
        if (!node) continue; // in a collapsed group: its one line stands for all
        vm.nics.forEach((nic, index) => {
            const id = target(nic);
            const from = id === undefined ? undefined : hubById.get(id) ?? interfaceById.get(id);
            const row = node.rows?.[index];
            if (from && row) edges.push(edge(from, middle(from), node, row.y));
        });
    }

    const bottom = Math.max(0, ...nodes.map(n => n.y + n.height));
    return { nodes, edges, width: columnX(2) + NODE_WIDTH, height: bottom };
}
