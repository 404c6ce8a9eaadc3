import QUnit from "qunit";

import { KeyedQueue, mapLimit } from "../../src/lib/concurrency.ts";
import { formatBytes } from "../../src/lib/format-bytes.ts";
import { deletableDisks, proposedForDeletion } from "../../src/operations/disk-choice.ts";
import { VmStore } from "../../src/state/vm-store.ts";
import type { Vm } from "../../src/state/vm-types.ts";
import { filterAndSort, knownTags, listRows, queryFromOptions, queryToOptions } from "../../src/views/vm-list/list-query.ts";
import { withFakeClock } from "./fake-clock.ts";

function vm(name: string, patch: Partial<Vm> = {}): Vm {
    return {
        key: `system/${name}`, connection: "system", path: `/p/${name}`, uuid: name, name, state: "shutoff",
        persistent: true, revision: 0, vcpus: 1, maxVcpus: 1, memory: 1024, maxMemory: 1024, ...patch,
    };
}

QUnit.module("list query", () => {
    const vms = [vm("web10"), vm("web2", { state: "running", vcpus: 4 }), vm("DB", { state: "paused" }), vm("<b>x</b>", { state: "crashed" }),
                 vm("base", { template: true })];

    QUnit.test("sorts names naturally and by any column in both directions", assert => {
        const byName = filterAndSort(vms, queryFromOptions({}));
        assert.deepEqual(byName.map(v => v.name), ["<b>x</b>", "base", "DB", "web2", "web10"]);
        const byCpusDesc = filterAndSort(vms, queryFromOptions({ sort: "vcpus", dir: "desc" }));
        assert.strictEqual(byCpusDesc[0]?.name, "web2");
    });

    QUnit.test("filters by name (case-insensitive) and by state", assert => {
        assert.deepEqual(filterAndSort(vms, queryFromOptions({ name: "WEB" })).map(v => v.name), ["web2", "web10"]);
        assert.deepEqual(filterAndSort(vms, queryFromOptions({ state: "paused" })).map(v => v.name), ["DB"]);
        assert.deepEqual(filterAndSort(vms, queryFromOptions({ state: "other" })).map(v => v.name), ["<b>x</b>"]);
        assert.deepEqual(filterAndSort(vms, queryFromOptions({ name: "web", state: "shutoff" })).map(v => v.name), ["web10"]);
    });

    QUnit.test("templates are listed apart: alone, or left out", assert => {
        assert.deepEqual(filterAndSort(vms, queryFromOptions({ kind: "templates" })).map(v => v.name), ["base"]);
        assert.deepEqual(filterAndSort(vms, queryFromOptions({ kind: "vms", state: "shutoff" })).map(v => v.name), ["web10"]);
    });

    QUnit.test("URL options round-trip; unknown values fall back to defaults", assert => {
        const q = queryFromOptions({ name: "a b", state: "running", kind: "templates", sort: "memory", dir: "desc" });
        assert.deepEqual(queryFromOptions(queryToOptions(q)), q);
        assert.deepEqual(queryFromOptions({ state: "bogus", sort: "nope" }),
                         { text: "", state: "all", kind: "all", sort: "name", direction: "asc", tags: [], tagMode: "any", group: "none", collapsed: [] });
        const marks = queryFromOptions({});
        marks.tags = ["a,b", "ü & <x>"];
        marks.tagMode = "all";
        marks.group = "folder";
        marks.collapsed = ["", "f,1"];
        assert.deepEqual(queryFromOptions(queryToOptions(marks)), marks, "tag and folder names with commas and odd characters");
    });
});

QUnit.module("list tags and folders", () => {
    const red = (name: string) => ({ name, colour: "red" as const });
    const vms = [vm("a", { tags: [red("web"), red("prod")], folder: "F2" }), vm("b", { tags: [red("web")], folder: "F1" }),
                 vm("c", { tags: [red("db")] }), vm("d", { folder: "F1", tags: [red("x")] })];
    const names = (query: Record<string, string>) => filterAndSort(vms, queryFromOptions(query)).map(v => v.name);

    QUnit.test("filters by tags, any or all of them; the search box matches tags and folders too", assert => {
        assert.deepEqual(names({ tags: "web,db" }), ["a", "b", "c"]);
        assert.deepEqual(names({ tags: "web,prod", tagmode: "all" }), ["a"]);
        assert.deepEqual(names({ name: "PRO" }), ["a"], "a tag's name");
        assert.deepEqual(names({ name: "f1" }), ["b", "d"], "a folder's name");
    });

    QUnit.test("groups by folder: folders by name, the VMs in none last, collapsed groups only their heading", assert => {
        const rows = (query: Record<string, string>) => listRows(filterAndSort(vms, queryFromOptions(query)), queryFromOptions(query))
                .map(r => r.kind === "group" ? `[${r.folder}:${String(r.count)}${r.collapsed ? "+" : ""}]` : r.vm.name);
        assert.deepEqual(rows({}), ["a", "b", "c", "d"]);
        assert.deepEqual(rows({ group: "folder" }), ["[F1:2]", "b", "d", "[F2:1]", "a", "[:1]", "c"]);
        assert.deepEqual(rows({ group: "folder", collapsed: "F1", dir: "desc" }), ["[F1:2+]", "[F2:1]", "a", "[:1]", "c"]);
        assert.deepEqual(knownTags(vms).map(t => t.name), ["db", "prod", "web", "x"]);
    });

    QUnit.test("grouping 10 000 VMs stays fast", assert => {
        const many = Array.from({ length: 10000 }, (_, i) => vm(`vm-${String(i)}`, { folder: `f${String(i % 50)}`, tags: [red(`t${String(i % 7)}`)] }));
        const query = queryFromOptions({ group: "folder", tags: "t1,t2", name: "vm" });
        const start = performance.now();
        const rows = listRows(filterAndSort(many, query), query);
        const ms = performance.now() - start;
        assert.strictEqual(rows.length, 2858 + 50);
        assert.true(ms < 100, `filter, sort and group took ${ms.toFixed(0)} ms`);
    });
});

QUnit.module("VM store", () => {
    QUnit.test("updates are batched into one snapshot per tick", async assert => {
        const store = new VmStore();
        let notified = 0;
        store.subscribe(() => notified++);
        store.put(vm("a"));
        store.put(vm("b"));
        store.update("system/a", { state: "running" });
        await Promise.resolve();
        assert.strictEqual(notified, 1);
        assert.strictEqual(store.getSnapshot().vms.length, 2);
        assert.strictEqual(store.get("system/a")?.state, "running");
        store.replaceConnection("system", [vm("c")]);
        store.remove("system/unknown");
        await Promise.resolve();
        assert.deepEqual(store.getSnapshot().vms.map(v => v.name), ["c"]);
    });
});

QUnit.module("helpers", () => {
    QUnit.test("mapLimit keeps order and never exceeds the limit", withFakeClock(async (assert, clock) => {
        let inFlight = 0;
        let most = 0;
        const out = mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async n => {
            inFlight++;
            most = Math.max(most, inFlight);
            await new Promise(resolve => setTimeout(resolve, 5 * (8 - n))); // the first items finish last
            inFlight--;
            return n * 2;
        });
        await clock.runAllAsync();
        assert.deepEqual(await out, [2, 4, 6, 8, 10, 12, 14]);
        assert.strictEqual(most, 3);
        assert.deepEqual(await mapLimit([], 3, () => Promise.resolve(1)), []);
    }));

    QUnit.test("KeyedQueue runs one key's tasks in order, even after a failure", withFakeClock(async (assert, clock) => {
        const q = new KeyedQueue();
        const seen: string[] = [];
        const slow = q.run("k", async () => {
            await new Promise(resolve => setTimeout(resolve, 20));
            seen.push("first");
            throw new Error("boom");
        });
        const fast = q.run("k", () => {
            seen.push("second");
            return Promise.resolve();
        });
        await clock.tickAsync(19);
        assert.deepEqual(seen, [], "the second waits for the slow first");
        await clock.tickAsync(1);
        await assert.rejects(slow);
        await fast;
        assert.deepEqual(seen, ["first", "second"]);
    }));

    QUnit.test("sizes are shown in binary units", assert => {
        assert.strictEqual(formatBytes(0), "0 B");
        assert.strictEqual(formatBytes(1024 * 1024 * 1024), "1 GiB");
        assert.strictEqual(formatBytes(1536 * 1024 * 1024), "1.5 GiB");
        assert.strictEqual(formatBytes(-1), "—");
    });

    QUnit.test("delete offers file images, proposing writable disks and the VM's own cloud-init seed", assert => {
        const disks = deletableDisks([
            { device: "disk", target: "vda", sourceType: "file", path: "/a.qcow2", readonly: false },
            { device: "cdrom", target: "sda", sourceType: "file", path: "/x.iso", readonly: true },
            { device: "disk", target: "vdb", sourceType: "block", path: "/dev/sdb", readonly: false },
            { device: "cdrom", target: "sdb", sourceType: "file", path: "/pool/my_vm-cidata.iso", readonly: true },
            { device: "cdrom", target: "sdc", sourceType: "file", path: "/pool/other-cidata.iso", readonly: true },
            { device: "cdrom", target: "sdd", sourceType: "file", path: "/pool/my_vm-2-cidata.iso", readonly: true },
            { device: "cdrom", target: "sde", sourceType: "file", path: "/pool/my_vm-x-cidata.iso", readonly: true },
        ]);
        assert.deepEqual(disks.map(d => d.target), ["vda", "sda", "sdb", "sdc", "sdd", "sde"]);
        assert.deepEqual(disks.filter(d => proposedForDeletion(d, "my vm")).map(d => d.target), ["vda", "sdb", "sdd"],
                         "its seed also under a numbered file name; the seed of another VM is left alone");
    });
});
