// libvirtd stops while the page is open: the page says so, and when libvirtd is back it
// recovers the full list by itself, without a reload.
import { execFileSync } from "node:child_process";

import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark } from "./lib/virsh.ts";
import { rows, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("outage");

const systemd = (() => {
    try {
        return execFileSync("cat", ["/proc/1/comm"]).toString().trim() === "systemd";
    } catch {
        return false;
    }
})();

function stopLibvirtd(): void {
    if (systemd) execFileSync("systemctl", ["stop", "libvirtd.service", "libvirtd.socket", "libvirtd-ro.socket", "libvirtd-admin.socket"]);
    // By its pid file: by name alone, the second host's libvirtd (test/stack/second-host.sh) and
    // users' session daemons would be ended too.
    else execFileSync("sh", ["-c", "kill \"$(cat /run/libvirtd.pid)\""]);
}

function startLibvirtd(): void {
    if (systemd) execFileSync("systemctl", ["start", "libvirtd.socket", "libvirtd-ro.socket", "libvirtd-admin.socket", "libvirtd.service"]);
    else execFileSync("libvirtd", ["-d"]);
}

QUnit.module("libvirtd outage", hooks => {
    const ui = browserForModule(hooks, "outage", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            for (const n of ["one", "two", "three"]) await defineXml(domainXml({ name: `${MARK}-outage-${n}` }));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("the page reports the outage and recovers without reload", async assert => {
        const frame = ui().frame;
        await waitForRow(frame, `${MARK}-outage-three`);
        const before = (await rows(frame)).length;
        await frame.evaluate(() => { (window as unknown as { marker: number }).marker = 7 });
        stopLibvirtd();
        try {
            const problem = await waitFor("the outage to be reported", () =>
                frame.$eval(".connection-problem, #vm-list-unreachable", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
            assert.true(problem.includes("libvirtd is not running"), `says what is wrong: ${problem}`);
        } finally {
            startLibvirtd();
        }
        await waitFor("the problem to clear", async () => (await frame.$(".connection-problem, #vm-list-unreachable")) === null, 30_000);
        await waitFor("the full list back", async () => (await rows(frame)).length === before, 30_000);
        assert.strictEqual((await rows(frame)).length, before, "every VM listed again");
        // Events work again after the restart: a new VM shows up by itself.
        await defineXml(domainXml({ name: `${MARK}-outage-after` }));
        await waitForRow(frame, `${MARK}-outage-after`, "shutoff", 15_000);
        assert.strictEqual(await frame.evaluate(() => (window as unknown as { marker?: number }).marker), 7, "no reload happened");
    });
});
