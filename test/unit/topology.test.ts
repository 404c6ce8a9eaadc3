import QUnit from "qunit";

import {
    bridgeId, GROUP_LIMIT, groupId, interfaceId, layoutTopology, networkId, type Topology, type TopologyInput, type TopologyVm,
} from "../../src/views/networks/topology-layout.ts";

const vm = (name: string, ...nics: [string, string][]): TopologyVm =>
    ({ name, running: true, nics: nics.map(([type, source], index) => ({ type, source, mac: `52:54:00:00:00:${String(index).padStart(2, "0")}` })) });

const HOST: TopologyInput = {
    hostInterfaces: [
        { name: "lo", kind: "" }, { name: "eth0", kind: "" }, { name: "eth1", kind: "", master: "br0" }, { name: "br0", kind: "bridge" },
        { name: "virbr0", kind: "bridge" }, { name: "vnet0", kind: "tun", master: "virbr0" },
    ],
    networks: [{ name: "default", bridge: "virbr0", forwardMode: "nat", forwardDevices: [], active: true }],
    vms: [vm("b", ["network", "default"]), vm("a", ["network", "default"], ["bridge", "br0"]), vm("c", ["bridge", "br0"]),
          vm("d", ["direct", "eth0"]), vm("e", ["user", ""])],
    expanded: new Set(),
};

const ids = (t: Topology): string[] => t.nodes.map(n => n.id);
const node = (t: Topology, id: string) => t.nodes.find(n => n.id === id);
const linked = (t: Topology, from: string, to: string): boolean => {
    const a = node(t, from);
    const b = node(t, to);
    return a !== undefined && b !== undefined && t.edges.some(e => e.x1 === a.x + a.width && e.y1 >= a.y && e.y1 <= a.y + a.height &&
                                                                    e.x2 === b.x && e.y2 >= b.y && e.y2 <= b.y + b.height);
};

function assertNoOverlap(assert: Assert, t: Topology): void {
    for (const column of new Set(t.nodes.map(n => n.x))) {
        const boxes = t.nodes.filter(n => n.x === column).sort((p, q) => p.y - q.y);
        for (let i = 1; i < boxes.length; i++) {
            const [above, below] = [boxes[i - 1], boxes[i]];
            if (above && below && above.y + above.height > below.y) assert.ok(false, `${above.id} overlaps ${below.id}`);
        }
    }
    assert.ok(t.nodes.every(n => n.y + n.height <= t.height && n.x + n.width <= t.width), "everything inside the drawing");
}

QUnit.module("network topology layout", () => {
    QUnit.test("host interfaces, then bridges and networks, then VMs; lines where they connect", assert => {
        const t = layoutTopology(HOST);
        assert.deepEqual(ids(t).filter(i => i.startsWith("if:")).sort(), [interfaceId("eth0"), interfaceId("eth1")],
                         "no loopback, no bridge, no VM tap device among the host interfaces");
        assert.true(ids(t).includes(networkId("default")) && ids(t).includes(bridgeId("br0")), "the network and the host bridge");
        assert.false(ids(t).includes(bridgeId("virbr0")), "the network's own bridge is the network's box");
        const [left, mid, right] = [node(t, interfaceId("eth0")), node(t, networkId("default")), node(t, "vm:a")].map(n => n?.x ?? -1);
        assert.true((left ?? 0) < (mid ?? 0) && (mid ?? 0) < (right ?? 0), "three columns, left to right");
        assert.true(linked(t, interfaceId("eth1"), bridgeId("br0")), "a bridge port to its bridge");
        assert.true(linked(t, networkId("default"), "vm:a") && linked(t, networkId("default"), "vm:b"), "the network to its VMs");
        assert.true(linked(t, bridgeId("br0"), "vm:a") && linked(t, bridgeId("br0"), "vm:c"), "a VM's second interface has its own line");
        assert.true(linked(t, interfaceId("eth0"), "vm:d"), "macvtap: from the host device");
        assert.strictEqual(node(t, "vm:a")?.rows?.length, 2, "one row per interface");
        assert.true(ids(t).includes("vm:e") && !t.edges.some(e => e.id.endsWith(`vm:e@${String(node(t, "vm:e")?.rows?.[0]?.y)}`)),
                    "a user-mode interface is shown, connected to nothing");
        assertNoOverlap(assert, t);
    });

    QUnit.test("200 VMs on a network are one group box until expanded", assert => {
        const many = Array.from({ length: 200 }, (_x, i) => vm(`vm-${String(i).padStart(3, "0")}`, ["network", "default"]));
        const input: TopologyInput = { ...HOST, vms: [...many, vm("c", ["bridge", "br0"])] };
        const collapsed = layoutTopology(input);
        const group = node(collapsed, groupId(networkId("default")));
        assert.strictEqual(group?.count, 200, "the group counts them");
        assert.strictEqual(collapsed.nodes.filter(n => n.kind === "vm").length, 1, "only the VM of the small bridge is drawn alone");
        assert.true(linked(collapsed, networkId("default"), groupId(networkId("default"))), "one line to the group");
        assert.true(collapsed.height < 600, `the drawing stays short: ${String(collapsed.height)}`);
        assertNoOverlap(assert, collapsed);

        const expanded = layoutTopology({ ...input, expanded: new Set([groupId(networkId("default"))]) });
        assert.strictEqual(expanded.nodes.filter(n => n.kind === "vm").length, 201, "expanded: each VM");
        assertNoOverlap(assert, expanded);
        const few = layoutTopology({ ...input, vms: many.slice(0, GROUP_LIMIT) });
        assert.strictEqual(few.nodes.filter(n => n.kind === "group").length, 0, `up to ${String(GROUP_LIMIT)} VMs are drawn one by one`);
    });

    QUnit.test("a bridge a VM names but the host does not list still gets its box", assert => {
        const t = layoutTopology({ hostInterfaces: [], networks: [], vms: [vm("x", ["bridge", "ovsbr9"])], expanded: new Set() });
        assert.true(linked(t, bridgeId("ovsbr9"), "vm:x"));
    });
});
