import QUnit from "qunit";

import { bulkSkipReason } from "../../src/operations/bulk-actions.ts";
import { type BulkItem, countByStatus, runBulk } from "../../src/operations/bulk-run.ts";

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

QUnit.module("bulk runs", () => {
    QUnit.test("no more than the limit run at once, and every target runs once", async assert => {
        let running = 0;
        let most = 0;
        const ran: number[] = [];
        const targets = Array.from({ length: 11 }, (_, i) => i);
        const items = await runBulk(targets, async n => {
            running++;
            most = Math.max(most, running);
            await sleep(5 + (n % 3) * 4);
            ran.push(n);
            running--;
        }, { concurrency: 4 });
        assert.strictEqual(most, 4, "four at once, never more");
        assert.deepEqual([...ran].sort((a, b) => a - b), targets, "each target ran exactly once");
        assert.deepEqual(items.map(i => i.status), targets.map(() => "succeeded"));
        assert.deepEqual(items.map(i => i.target), targets, "results in the order of the targets");
    });

    QUnit.test("failures are collected with their reasons and do not stop the others", async assert => {
        const items = await runBulk(["a", "bad", "c", "worse"], async name => {
            await sleep(2);
            if (name === "bad") throw Object.assign(new Error("Cannot access storage file '/gone.qcow2': No such file or directory"), { name: "org.libvirt.Error" });
            if (name === "worse") throw new Error("Requested operation is not valid: domain is already running");
        }, { concurrency: 2 });
        assert.deepEqual(items.map(i => i.status), ["succeeded", "failed", "succeeded", "failed"]);
        assert.true(items[1]?.error?.detail.includes("No such file or directory"), "libvirt's message kept");
        assert.strictEqual(items[1]?.error?.summary, "libvirt reported an error");
        assert.true(items[3]?.error?.detail.includes("already running"));
    });

    QUnit.test("cancel stops what has not begun; what runs finishes", async assert => {
        const controller = new AbortController();
        const started: number[] = [];
        // Cancelled while the first three run (timers fire in the order they are due).
        setTimeout(() => controller.abort(), 5);
        const items = await runBulk([0, 1, 2, 3, 4, 5, 6, 7], async n => {
            started.push(n);
            await sleep(30);
        }, { concurrency: 3, signal: controller.signal });
        assert.deepEqual(started.sort(), [0, 1, 2], "only the first lane-full began");
        assert.deepEqual(items.map(i => i.status), ["succeeded", "succeeded", "succeeded", "cancelled", "cancelled", "cancelled", "cancelled", "cancelled"]);
    });

    QUnit.test("skipped targets are not run, and progress is told as each changes", async assert => {
        const seen: (readonly BulkItem<string>[])[] = [];
        const ran: string[] = [];
        const items = await runBulk(["on", "off", "on2"], async name => { ran.push(name); await sleep(1) }, {
            skip: name => name === "off" ? "Not running" : undefined,
            onChange: list => seen.push(list),
        });
        assert.deepEqual(ran, ["on", "on2"]);
        assert.deepEqual(items[1], { target: "off", status: "skipped", skipReason: "Not running" });
        assert.deepEqual(countByStatus(items), { waiting: 0, running: 0, succeeded: 2, failed: 0, skipped: 1, cancelled: 0 });
        assert.deepEqual(seen[0]?.map(i => i.status), ["waiting", "skipped", "waiting"], "first told: the plan");
        assert.true(seen.some(list => list[0]?.status === "running"), "a running target is told");
        assert.deepEqual(seen.at(-1)?.map(i => i.status), ["succeeded", "skipped", "succeeded"], "last told: the end");
    });

    QUnit.test("each action applies to the states it can change", assert => {
        const vm = (state: "running" | "shutoff" | "paused", template = false) => ({ connection: "system" as const, name: "v", state, template });
        assert.strictEqual(bulkSkipReason("start", vm("shutoff")), undefined);
        assert.strictEqual(bulkSkipReason("start", vm("running")), "Already running");
        assert.strictEqual(bulkSkipReason("start", vm("shutoff", true)), "A template is not started");
        assert.strictEqual(bulkSkipReason("forceOff", vm("shutoff")), "Already off");
        assert.strictEqual(bulkSkipReason("forceOff", vm("paused")), undefined);
        assert.strictEqual(bulkSkipReason("shutdown", vm("paused")), "Not running");
        assert.strictEqual(bulkSkipReason("resume", vm("running")), "Not paused");
        assert.strictEqual(bulkSkipReason("delete", vm("running")), undefined);
    });
});
