// The list's sync with libvirt, run in Node over the real system bus (the transport kvmm uses):
// a VM defined while the list loads stays listed when looking up its path fails for a reason
// other than "no such domain" (a timeout, a bus limit), and gets its path on the next poll; a VM
// that libvirt no longer has is dropped. The failure is injected into one D-Bus call; libvirtd,
// libvirt-dbus and the domains are real.
import QUnit from "qunit";

import { nodeDBus } from "../../src/cli/node-dbus.ts";
import { nodeTransports } from "../../src/cli/node-transports.ts";
import { type DBusTransport, setTransports } from "../../src/lib/transports.ts";
import { reopenConnections } from "../../src/libvirt/connection.ts";
import { UsageHistories } from "../../src/state/usage-history.ts";
import { VmStore } from "../../src/state/vm-store.ts";
import { ConnectionSync } from "../../src/state/vm-sync.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("sync");

/** What happens inside the first full load. */
interface Fault {
    /** Runs between the two bulk calls, ListDomains and GetAllDomainStats (defines a domain there). */
    between?: (() => Promise<void>) | undefined;
    /** By name: the first DomainLookupByName times out, or runs after the given step. */
    lookup: Map<string, "time out" | (() => Promise<void>)>;
}

let fault: Fault | undefined;

function faultyTransport(real: DBusTransport): DBusTransport {
    let listed: Promise<void> | undefined;
    return {
        ...real,
        async call(path, iface, method, args, signature, timeoutMs) {
            const current = fault;
            const between = current?.between;
            if (current && between && method === "ListDomains") {
                current.between = undefined; // the first full load only
                // The stats calls are sent before this reply comes: they wait for the step.
                const reply = real.call(path, iface, method, args, signature, timeoutMs).then(async r => {
                    await between();
                    return r;
                });
                listed = reply.then(() => undefined);
                return reply;
            }
            if (current && method === "GetAllDomainStats" && listed) await listed;
            const step = current?.lookup.get(String(args[0]));
            if (current && step && method === "DomainLookupByName") {
                current.lookup.delete(String(args[0]));
                if (step === "time out")
                    throw Object.assign(new Error(`${iface}.${method} did not answer in time`), { name: "org.freedesktop.DBus.Error.Timeout" });
                await step();
            }
            return real.call(path, iface, method, args, signature, timeoutMs);
        },
    };
}

QUnit.module("List sync with libvirt", hooks => {
    hooks.before(() => {
        setTransports({ ...nodeTransports, dbus: (bus, service) => faultyTransport(nodeDBus(bus, service)) });
    });
    // The bus connections would keep the test process alive.
    hooks.after(() => reopenConnections());
    hooks.afterEach(async () => {
        fault = undefined;
        await cleanupTestDomains(MARK);
    });

    async function load(): Promise<{ store: VmStore; sync: ConnectionSync }> {
        const store = new VmStore();
        const sync = new ConnectionSync(store, new UsageHistories(), "system");
        await sync.start();
        return { store, sync };
    }

    QUnit.test("a VM whose path lookup times out stays listed and gets its path on the next poll", async assert => {
        const name = `${MARK}-late`;
        fault = { between: () => defineXml(domainXml({ name })), lookup: new Map([[name, "time out"]]) };
        const { store, sync } = await load();
        try {
            assert.strictEqual(fault.lookup.size, 0, "its lookup was tried and failed");
            const vm = store.getSnapshot().vms.find(v => v.name === name);
            assert.ok(vm, "listed after the failed lookup");
            assert.strictEqual(vm?.path, undefined, "without a path yet");

            await sync.poll();
            const uuid = (await virsh("domuuid", name)).trim();
            assert.strictEqual(store.getSnapshot().vms.find(v => v.name === name)?.uuid, uuid, "the next poll found its path");
        } finally {
            sync.stop();
        }
    });

    QUnit.test("a VM that libvirt no longer has when its path is looked up is dropped", async assert => {
        const name = `${MARK}-gone`;
        const kept = `${MARK}-kept`;
        fault = {
            between: async () => {
                await defineXml(domainXml({ name }));
                await defineXml(domainXml({ name: kept }));
            },
            lookup: new Map([[name, async () => { await virsh("undefine", name); }]]),
        };
        const { store, sync } = await load();
        try {
            assert.strictEqual(fault.lookup.size, 0, "its lookup was made");
            assert.false(store.getSnapshot().vms.some(v => v.name === name), "dropped");
            assert.ok(store.getSnapshot().vms.find(v => v.name === kept)?.path, "the other one defined then is listed with its path");
        } finally {
            sync.stop();
        }
    });
});
