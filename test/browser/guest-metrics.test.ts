// The Guest tab's live graphs against kvmm-agent in a real (TCG) test guest: points keep
// coming while the tab is shown, one series per core and per interface, the top processes
// include the agent's own node, and the history survives leaving the tab. A suite of its
// own (mark "gmetrics") so that it boots one guest and shares no names with "Guest agent".
import QUnit from "qunit";

import { agentGuestModule, agentGuestSpec, openGuestTab, textOf, waitForAgentPanel } from "./lib/agent-guest.ts";
import { waitFor } from "./lib/cockpit-session.ts";
import { suiteMark } from "./lib/virsh.ts";

const MARK = suiteMark("gmetrics");
const AGENT_VM = `${MARK}-guest`;

QUnit.module("Guest metrics", hooks => {
    const ui = agentGuestModule(hooks, "guest-metrics", { mark: MARK, define: [agentGuestSpec(AGENT_VM)], start: [AGENT_VM] });

    QUnit.test("live graphs get points and the top processes include the agent's node", async assert => {
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

        const node = await frame.$$eval("#guest-processes tr.guest-process", rows => rows
            .map(r => ({ name: r.getAttribute("data-name"), pid: Number(r.getAttribute("data-pid")), text: (r as HTMLElement).innerText }))
            .find(r => r.name === "node" && r.text.includes("kvmm-agent.js")));
        assert.notStrictEqual(node, undefined, "the agent's node process is listed");
        const rows = await frame.$$eval("#guest-processes tr.guest-process", r => r.length);
        assert.true(rows > 1 && rows <= 10, `the top processes (${String(rows)})`);

        // History is kept per VM while the page lives: back on the tab, the graph continues.
        await frame.click("#pf-tab-overview-vm-tab-overview");
        await frame.waitForSelector("#vm-guest", { hidden: true });
        await frame.click("#pf-tab-guest-vm-tab-guest");
        await frame.waitForSelector("#guest-metrics");
        assert.true((await points("#guest-metrics")) >= before + 3, "the earlier points are still there");
    });
});
