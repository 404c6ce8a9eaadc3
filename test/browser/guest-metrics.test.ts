// The Guest tab's live graphs against kvmm-agent in a real (TCG) test guest: points keep
// coming while the tab is shown, one series per core and per interface, the top processes
// include the agent's own process, and the history survives leaving the tab; a filesystem made in
// the guest shows its usage as df does, and follows what is written. A suite of its
// own (mark "gmetrics") so that it boots one guest and shares no names with "Guest agent".
import QUnit from "qunit";

import { formatBytes } from "../../src/lib/format-bytes.ts";
import { agentGuestModule, agentGuestSpec, openGuestTab, runInGuest, textOf, waitForAgentPanel } from "./lib/agent-guest.ts";
import { waitFor } from "./lib/cockpit-session.ts";
import { createImage, type DomainSpec, suiteMark } from "./lib/virsh.ts";

const MARK = suiteMark("gmetrics");
const AGENT_VM = `${MARK}-guest`;

QUnit.module("Guest metrics", hooks => {
    // A disk for a filesystem the tests make in the guest (its root is a ramfs, which is not listed).
    const withDisk = async (): Promise<DomainSpec> => ({ ...agentGuestSpec(AGENT_VM), disks: [await createImage(MARK, `${AGENT_VM}-data`, "64M")] });
    const ui = agentGuestModule(hooks, "guest-metrics", { mark: MARK, define: [withDisk], start: [AGENT_VM] });

    QUnit.test("live graphs get points and the top processes include the agent", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        const points = async (id: string): Promise<number> => Number(await frame.$eval(id, e => e.getAttribute("data-points")).catch(() => "0"));
        await waitFor("three points", async () => (await points("#guest-metrics")) >= 3, 60_000, 250);
        const before = await points("#guest-metrics");
        await waitFor("three more points: it keeps polling", async () => (await points("#guest-metrics")) >= before + 3, 60_000, 250);
        for (const chart of ["cpu", "memory", "load", "disk", "network"]) {
            const id = `#guest-metrics-${chart}`;
            assert.true((await points(id)) >= before + 3, `${chart} has the points`);
            assert.notStrictEqual(await frame.$(`${id} svg path`), null, `${chart} is drawn`);
        }
        const series = (id: string): Promise<string | null> => frame.$eval(id, e => e.getAttribute("data-series"));
        assert.strictEqual(await series("#guest-metrics-cpu"), "cpu0", "one series per core (the guest has one)");
        assert.strictEqual(await series("#guest-metrics-network"), "eth0 receive,eth0 transmit", "two per interface, loopback left out");
        const memoryNow = await textOf(frame, "#guest-metrics-memory .usage-now");
        assert.true(/\d+(\.\d+)? MiB/.test(memoryNow), `the memory in use now: ${memoryNow}`);

        const agent = await frame.$$eval("#guest-processes tr.guest-process", rows => rows
            .map(r => ({ name: r.getAttribute("data-name"), pid: Number(r.getAttribute("data-pid")), text: (r as HTMLElement).innerText }))
            .find(r => r.name === "kvmm-agent"));
        assert.notStrictEqual(agent, undefined, "the agent's process is listed by its name");
        const rows = await frame.$$eval("#guest-processes tr.guest-process", r => r.length);
        assert.true(rows > 1 && rows <= 10, `the top processes (${String(rows)})`);

        // History is kept per VM while the page lives: back on the tab, the graph continues.
        await frame.click("#pf-tab-overview-vm-tab-overview");
        await frame.waitForSelector("#vm-guest", { hidden: true });
        await frame.click("#pf-tab-guest-vm-tab-guest");
        await frame.waitForSelector("#guest-metrics");
        assert.true((await points("#guest-metrics")) >= before + 3, "the earlier points are still there");
    });

    QUnit.test("a filesystem mounted in the guest gets a usage bar, which follows what is written to it", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        const bar = "#guest-filesystems .guest-filesystem[data-mountpoint='/mnt/data']";
        assert.strictEqual(await frame.$(bar), null, "nothing mounted there yet");
        await runInGuest(frame, "mke2fs -q /dev/vda");
        await runInGuest(frame, "mkdir -p /mnt/data");
        await runInGuest(frame, "mount -t ext2 /dev/vda /mnt/data");
        // No reload: the metrics poll brings it.
        await frame.waitForSelector(bar, { timeout: 30_000 });
        /** What the tab should say, from the guest's own df (1 KiB blocks: size, used). */
        const fromDf = async (): Promise<string> => {
            const row = (await runInGuest(frame, "df -k /mnt/data")).trim().split("\n").pop() ?? "";
            const [, sizeKiB, usedKiB] = row.split(/\s+/).map(Number);
            return `${formatBytes((usedKiB ?? NaN) * 1024)} of ${formatBytes((sizeKiB ?? NaN) * 1024)} used`;
        };
        const label = () => frame.$eval(`${bar} .pf-v6-c-progress__measure`, e => e.textContent.trim());
        const percent = () => frame.$eval(`${bar} [role='progressbar']`, e => Number(e.getAttribute("aria-valuenow")));
        const empty = await fromDf();
        await waitFor(`"${empty}"`, async () => await label() === empty, 30_000);
        const before = await percent();

        await runInGuest(frame, "dd if=/dev/urandom of=/mnt/data/fill bs=1M count=16");
        await runInGuest(frame, "sync");
        const full = await fromDf();
        assert.notStrictEqual(full, empty);
        await waitFor(`"${full}"`, async () => await label() === full, 30_000);
        assert.true((await percent()) >= before + 20, `16 of 64 MiB written: ${String(before)} % → ${String(await percent())} %`);
    });
});
