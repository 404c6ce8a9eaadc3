import { type Clock, install } from "@sinonjs/fake-timers";
import QUnit from "qunit";

import { DataLoader, type LoadContext, type LoadState, type PageVisibility } from "../../src/state/data-loader.ts";

/** Lets settled promises run their callbacks (setImmediate is not faked). */
const settle = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

/** A load whose answers the test gives, one per call. */
function controlledLoad<T>() {
    const calls: (LoadContext<T> & { resolve: (v: T) => void; reject: (e: unknown) => void })[] = [];
    const load = (context: LoadContext<T>) => new Promise<T>((resolve, reject) => calls.push({ ...context, resolve, reject }));
    return { calls, load };
}

function fakeVisibility(): PageVisibility & { set(hidden: boolean): void; listeners: number } {
    const listeners = new Set<() => void>();
    let hidden = false;
    return {
        get hidden() {
            return hidden;
        },
        get listeners() {
            return listeners.size;
        },
        onChange(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        set(value) {
            hidden = value;
            for (const l of listeners) l();
        },
    };
}

QUnit.module("data loader", hooks => {
    let clock: Clock;
    hooks.beforeEach(() => {
        clock = install({ toFake: ["setTimeout", "clearTimeout"] });
    });
    hooks.afterEach(() => clock.uninstall());

    QUnit.test("a load superseded by a reload or by stop never sets its answer", async assert => {
        const { calls, load } = controlledLoad<string>();
        const states: LoadState<string>[] = [];
        const loader = new DataLoader(load, s => states.push(s));
        loader.reload();
        loader.reload();
        assert.strictEqual(calls.length, 2);
        assert.true(calls[0]?.signal.aborted, "the first load is told it is superseded");
        calls[1]?.resolve("new");
        calls[0]?.resolve("old");
        await settle();
        assert.deepEqual(states.at(-1), { data: "new", loaded: true, loading: false, error: undefined });
        assert.false(states.some(s => s.data === "old"), "the older answer is dropped");

        loader.reload();
        loader.stop();
        const before = states.length;
        calls[2]?.resolve("after stop");
        await settle();
        assert.strictEqual(states.length, before, "nothing set after stop");
        assert.true(calls[2]?.signal.aborted);
    });

    QUnit.test("a failed load keeps the data shown and the error as thrown; a later success clears it", async assert => {
        const { calls, load } = controlledLoad<number>();
        let state: LoadState<number> | undefined;
        const loader = new DataLoader(load, s => { state = s });
        loader.reload();
        assert.deepEqual(state, { data: undefined, loaded: false, loading: true, error: undefined });
        calls[0]?.resolve(1);
        await settle();
        loader.reload();
        assert.strictEqual(state?.data, 1, "kept while reading again");
        assert.true(state?.loading);
        assert.strictEqual(calls[1]?.previous, 1, "the load is given what is shown");
        const failure = new Error("libvirt said no");
        calls[1]?.reject(failure);
        await settle();
        assert.strictEqual(state?.error, failure);
        assert.strictEqual(state?.data, 1);
        assert.true(state?.loaded);
        loader.reload();
        calls[2]?.resolve(2);
        await settle();
        assert.deepEqual(state, { data: 2, loaded: true, loading: false, error: undefined });
        loader.stop();
    });

    QUnit.test("polling reads again pollMs after each load has ended, never two at once, and goes on after a failure", async assert => {
        const { calls, load } = controlledLoad<number>();
        const states: LoadState<number>[] = [];
        const loader = new DataLoader(load, s => states.push(s), { pollMs: 5000 });
        loader.reload();
        clock.tick(20_000);
        assert.strictEqual(calls.length, 1, "no poll while a load is under way");
        calls[0]?.reject(new Error("failed"));
        await settle();
        clock.tick(4999);
        assert.strictEqual(calls.length, 1);
        clock.tick(1);
        assert.strictEqual(calls.length, 2, "polled after the interval, despite the failure");
        assert.deepEqual(calls.map(c => c.polled), [false, true], "a poll is told it is one");
        assert.false(states.at(-1)?.loading, "and is not announced as loading");
        calls[1]?.resolve(1);
        await settle();
        loader.reload();
        assert.strictEqual(calls.length, 3, "a reload reads at once");
        assert.false(calls[2]?.polled, "and is no poll");
        calls[2]?.resolve(2);
        await settle();
        clock.tick(4999);
        assert.strictEqual(calls.length, 3, "the reload restarted the interval");
        loader.stop();
        clock.tick(60_000);
        assert.strictEqual(calls.length, 3, "no poll after stop");
    });

    QUnit.test("polling pauses while the page is hidden and reads at once when it is shown again", async assert => {
        const { calls, load } = controlledLoad<number>();
        const page = fakeVisibility();
        const loader = new DataLoader(load, () => undefined, { pollMs: 3000, visibility: page });
        loader.reload();
        calls[0]?.resolve(0);
        await settle();
        page.set(true);
        clock.tick(60_000);
        assert.strictEqual(calls.length, 1, "no poll while hidden");
        page.set(false);
        assert.strictEqual(calls.length, 2, "read at once when shown");
        assert.true(calls[1]?.polled);
        calls[1]?.resolve(1);
        await settle();
        clock.tick(3000);
        assert.strictEqual(calls.length, 3, "polling goes on");

        page.set(true);
        calls[2]?.resolve(2);
        await settle();
        clock.tick(60_000);
        assert.strictEqual(calls.length, 3, "a load that ends while hidden schedules none");
        page.set(false);
        page.set(true);
        page.set(false);
        assert.strictEqual(calls.length, 4, "shown again while a load is under way: no second one");
        loader.stop();
        assert.strictEqual(page.listeners, 0, "stop lets go of the visibility");
    });

    QUnit.test("without polling, visibility changes read nothing; wait() polls without reading first", async assert => {
        const { calls, load } = controlledLoad<number>();
        const page = fakeVisibility();
        const once = new DataLoader(load, () => undefined, { visibility: page });
        once.reload();
        calls[0]?.resolve(0);
        await settle();
        page.set(true);
        page.set(false);
        clock.tick(60_000);
        assert.strictEqual(calls.length, 1);
        once.stop();

        const later = new DataLoader(load, () => undefined, { pollMs: 1000, visibility: page });
        later.wait();
        assert.strictEqual(calls.length, 1, "nothing at once");
        clock.tick(1000);
        assert.strictEqual(calls.length, 2);
        later.stop();
    });
});
