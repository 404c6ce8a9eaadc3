import { TransferMemory } from "../../../agent/src/memory.ts";
import { withFakeClock } from "../fake-clock.ts";

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

QUnit.module("agent transfer memory", () => {
    QUnit.test("one collection once transfers have ended and none is open; none while one is", withFakeClock(async (assert, clock) => {
        let open = 1;
        let collected = 0;
        const memory = new TransferMemory(() => open === 0, 30, () => { collected++ });
        memory.ended(); // another transfer is still open
        await clock.tickAsync(60);
        assert.strictEqual(collected, 0, "not while a transfer is open");

        open = 0;
        memory.ended();
        await clock.tickAsync(10);
        memory.ended(); // a second one ends soon after: still one collection
        await clock.tickAsync(29);
        assert.strictEqual(collected, 0, "not before the delay after the last one");
        await clock.tickAsync(1);
        assert.strictEqual(collected, 1, "once, after the last one ended");
        await clock.tickAsync(60);
        assert.strictEqual(collected, 1, "only once");

        memory.ended();
        memory.stop();
        await clock.tickAsync(60);
        assert.strictEqual(collected, 1, "nothing after stop");
    }));

    QUnit.test("the default collection frees dead transfer buffers", async assert => {
        const baseline = process.memoryUsage().arrayBuffers;
        // Dead as soon as this returns, as a transfer's chunks are once written.
        const used = ((): number => Array.from({ length: 8 }, () => new ArrayBuffer(4 * 1024 * 1024)).length)();
        assert.strictEqual(used, 8);
        new TransferMemory(() => true, 0).ended();
        // Real time: V8 may free the buffers' memory after the collection returns.
        await sleep(50);
        const after = process.memoryUsage().arrayBuffers;
        assert.true(after - baseline < 8 * 1024 * 1024, `ArrayBuffers: ${baseline} bytes before, ${after} after`);
    });
});
