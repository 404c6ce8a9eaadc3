// The Guest tab against kvmm-agent running in a real (TCG) test guest: what the guest reports
// (its interface as libvirt unplugs it and the guest disables it, its time zone as it changes),
// a 10 MB round trip (replacing a file asks first), cancelled transfers, the agent
// dying mid-upload (its restarted self then serves the tests after it), shutdown through the
// agent, a config that disables exec, a VM without the channel, and one that gets it while running.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { ElementHandle } from "puppeteer-core";
import QUnit from "qunit";

import { formatBytes } from "../../src/lib/format-bytes.ts";
import { formatDuration } from "../../src/lib/format-duration.ts";
import {
    agentGuestModule, agentGuestSpec, clearAndType, openGuestTab, overviewAgentLine, runInGuest, sha256File, textOf, waitForAgentPanel,
} from "./lib/agent-guest.ts";
import { fetchToFile, waitFor } from "./lib/cockpit-session.ts";
import { clickInRow, listedNames, openFolder, waitForFolder } from "./lib/guest-files-ui.ts";
import { countInSerial, guestSpec, serialOutput, waitForSerial } from "./lib/test-guest.ts";
import { domstate, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("agent");
const AGENT_VM = `${MARK}-guest`;
const NOEXEC_VM = `${MARK}-noexec`;
const PLAIN_VM = `${MARK}-plain`;
/** The agent installed, no channel for it; qemu-ga's channel gives it a virtio-serial controller. */
const HOTPLUG_VM = `${MARK}-hotplug`;
const FILES = `/tmp/${MARK}-files`;
const DOWNLOADS = `${FILES}/downloads`;

QUnit.module("Guest agent", hooks => {
    const ui = agentGuestModule(hooks, "guest-agent", { mark: MARK, define: [agentGuestSpec(AGENT_VM), agentGuestSpec(NOEXEC_VM, "noexec"), guestSpec(PLAIN_VM),
        { ...agentGuestSpec(HOTPLUG_VM), agentChannel: false, qemuAgentChannel: true }], start: [AGENT_VM], scratch: FILES });
    hooks.before(() => {
        mkdirSync(DOWNLOADS, { recursive: true });
    });

    QUnit.test("a VM without the channel says so, and the channel can be added", async assert => {
        const frame = await openGuestTab(ui().page, PLAIN_VM);
        await frame.waitForSelector("#vm-guest[data-agent='no-channel']");
        assert.true((await textOf(frame, "#guest-status")).includes("not set up for this virtual machine"));
        assert.true((await textOf(frame, "#guest-install-help")).includes("kvmm-agent"), "it says how to install the agent");
        // The plugin serves the agent itself: what a user downloads is this build's agent, with its installer.
        const archive = await frame.$eval("#guest-install-download-x86_64", a => (a as HTMLAnchorElement).href);
        const tarFile = `${FILES}/kvmm-agent-x86_64.tar.gz`;
        await fetchToFile(frame, archive, tarFile);
        const listing = execFileSync("tar", ["-tzf", tarFile]).toString().split("\n").filter(Boolean).sort();
        assert.deepEqual(listing, ["kvmm-agent/", "kvmm-agent/99-kvmm-agent.rules", "kvmm-agent/README.md", "kvmm-agent/install.sh",
            "kvmm-agent/kvmm-agent", "kvmm-agent/kvmm-agent.service"]);
        execFileSync("tar", ["-xzf", tarFile, "-C", FILES]);
        assert.strictEqual(sha256File(`${FILES}/kvmm-agent/kvmm-agent`), sha256File("agent/dist/kvmm-agent-x86_64"), "the agent binary of this build");
        assert.notStrictEqual(statSync(`${FILES}/kvmm-agent/install.sh`).mode & 0o111, 0, "install.sh is executable");
        // The other architecture's archive is served too (fetched whole in the page, not brought over here).
        const arm = await frame.$eval("#guest-install-download-aarch64", a => (a as HTMLAnchorElement).href);
        assert.strictEqual(await frame.evaluate(async (u: string) => (await fetch(u)).blob().then(b => b.size), arm),
                           statSync("dist/agent/kvmm-agent-aarch64.tar.gz").size, "the aarch64 archive is this build's");
        assert.false((await virsh("dumpxml", "--inactive", PLAIN_VM)).includes("org.kvmmanager.agent.0"));
        assert.strictEqual(await overviewAgentLine(frame), "None set up", "the Overview says so too");
        await frame.click("#vm-overview-agent-open");
        await frame.waitForSelector("#vm-guest[data-agent='no-channel']");

        await frame.click("#guest-add-channel");
        // Shut off: the saved config is what the page shows, so the channel is there now (not listening).
        await frame.waitForSelector("#vm-guest[data-agent='not-listening']", { timeout: 20_000 });
        assert.true((await textOf(frame, "#guest-status")).includes("not running"));
        const xml = await virsh("dumpxml", "--inactive", PLAIN_VM);
        assert.true(/<channel type=["']unix["']>[\s\S]*name=["']org\.kvmmanager\.agent\.0["']/.test(xml), "libvirt holds the channel");
        assert.strictEqual(xml.split("org.kvmmanager.agent.0").length - 1, 1, "exactly one agent channel");
        assert.strictEqual(await overviewAgentLine(frame), "KVM Manager guest agent set up");
    });

    QUnit.test("on a running VM the channel is added at once, and the agent installed in the guest connects", async assert => {
        await virsh("start", HOTPLUG_VM);
        const frame = await openGuestTab(ui().page, HOTPLUG_VM);
        await frame.waitForSelector("#vm-guest[data-agent='no-channel']");
        assert.true((await textOf(frame, "#guest-channel-help")).includes("added to the running virtual machine at once"));
        await frame.click("#guest-add-channel");
        // No reboot: the guest sees the new port, and its agent (waiting for it) opens it.
        await waitForAgentPanel(frame);
        assert.strictEqual((await textOf(frame, "#guest-hostname")).trim(), "kvmm-guest");
        const saved = await virsh("dumpxml", "--inactive", HOTPLUG_VM);
        assert.strictEqual(saved.split("org.kvmmanager.agent.0").length - 1, 1, "saved for the next boot too, once");
        await virsh("destroy", HOTPLUG_VM);
    });

    QUnit.test("the Guest tab shows the guest's hostname and IP address", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        assert.strictEqual((await textOf(frame, "#guest-hostname")).trim(), "kvmm-guest");
        assert.true((await textOf(frame, "#guest-os")).includes("KVM Manager test guest"));
        assert.true((await textOf(frame, "#guest-kernel")).startsWith("6.1.0"), "the guest's kernel");
        assert.true((await textOf(frame, "#guest-agent-version")).startsWith("kvmm-agent"));
        assert.strictEqual(await overviewAgentLine(frame), "KVM Manager guest agent running", "on the Overview, without connecting");
        // udhcpc may still be waiting for its lease when the agent starts: reopen the tab until it shows.
        const ip = await waitFor("an IPv4 address", async () => {
            const f = await openGuestTab(ui().page, AGENT_VM);
            await waitForAgentPanel(f);
            return f.$eval("#guest-addresses", e => e.querySelector(".guest-address[data-address^='10.0.2.']")?.getAttribute("data-address"));
        }, 60_000, 2000);
        assert.strictEqual(ip, "10.0.2.15", "the address QEMU's user network gave the guest");
    });

    QUnit.test("the guest's interface beside the VM's NIC, followed as its link changes", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        const mac = /(?:[0-9a-f]{2}:){5}[0-9a-f]{2}/.exec(await virsh("domiflist", AGENT_VM))?.[0] ?? "";
        assert.notStrictEqual(mac, "", "libvirt gave the NIC a MAC address");
        const row = "#guest-network .guest-interface[data-name='eth0']";
        await frame.waitForSelector(row);
        assert.strictEqual(await frame.$eval(row, e => e.getAttribute("data-mac")), mac, "the guest's eth0 has the VM NIC's MAC");
        assert.strictEqual((await textOf(frame, `${row} .guest-interface-nic`)).trim(), "User mode, virtio", "paired with that NIC");
        const state = async () => (await textOf(frame, `${row} .guest-interface-state`)).trim();
        const addresses = () => textOf(frame, `${row} .guest-interface-addresses`);
        await waitFor("eth0 up with its address", async () => await state() === "Up" && (await addresses()).includes("10.0.2.15/24"), 60_000);

        // Unplugged by libvirt: the guest loses its link, and the tab follows without a reload.
        await virsh("domif-setlink", AGENT_VM, mac, "down");
        try {
            await waitFor("No link", async () => await state() === "No link", 30_000);
        } finally {
            await virsh("domif-setlink", AGENT_VM, mac, "up");
        }
        await waitFor("Up once plugged in", async () => await state() === "Up", 30_000);

        // Disabled inside the guest: still listed (Node alone would leave it out), with no address in use.
        await runInGuest(frame, "ip link set eth0 down");
        try {
            await waitFor("Disabled in the guest", async () => await state() === "Disabled in the guest", 30_000);
            assert.strictEqual((await addresses()).trim(), "None");
        } finally {
            await runInGuest(frame, "ip link set eth0 up");
        }
        await waitFor("eth0 up with its address again", async () => await state() === "Up" && (await addresses()).includes("10.0.2.15/24"), 30_000);
        assert.strictEqual(await frame.$$eval("#guest-network .guest-interface[data-name='lo']", rows => rows.length), 0, "loopback is not listed");
    });

    QUnit.test("the guest's time zone as it changes, how long it has run, and what it sees of its hardware", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        const zone = async () => (await textOf(frame, "#guest-timezone")).trim();
        assert.strictEqual(await zone(), "UTC", "the test guest has no zone set");
        // As timedatectl set-timezone does it: the agent sees the change without a restart.
        await runInGuest(frame, "ln -sf /usr/share/zoneinfo/Asia/Kolkata /etc/localtime");
        try {
            await waitFor("Asia/Kolkata", async () => await zone() === "Asia/Kolkata (UTC+05:30)", 30_000);
        } finally {
            await runInGuest(frame, "rm -f /etc/localtime");
        }
        await waitFor("UTC again", async () => await zone() === "UTC", 30_000);

        const uptime = Number((await runInGuest(frame, "cat /proc/uptime")).split(" ")[0]);
        const shown = (await textOf(frame, "#guest-uptime")).trim();
        const near = new Set(Array.from({ length: 21 }, (_, i) => formatDuration(Math.max(0, Math.round(uptime) - 10 + i))));
        assert.true(near.has(shown), `uptime shown "${shown}", the guest's /proc/uptime ${String(uptime)} s`);
        const memTotalKiB = Number(/MemTotal:\s+(\d+)/.exec(await runInGuest(frame, "cat /proc/meminfo"))?.[1]);
        assert.strictEqual((await textOf(frame, "#guest-hardware")).trim(), `1 CPU, ${formatBytes(memTotalKiB * 1024)}`);
    });

    QUnit.test("a 10 MB file uploaded and downloaded again is byte-identical", async assert => {
        const { page } = ui();
        const name = `${MARK}-10M.bin`;
        const local = `${FILES}/${name}`;
        writeFileSync(local, randomBytes(10 * 1024 * 1024));
        const want = sha256File(local);
        const frame = await openGuestTab(page, AGENT_VM);
        await waitForAgentPanel(frame);

        // Outside the agent's allowed directories: not listed, with the reason; nothing can go there.
        const input = await frame.$("#guest-upload-file") as ElementHandle<HTMLInputElement>;
        await input.uploadFile(local);
        await openFolder(frame, "/etc");
        assert.true((await textOf(frame, "#guest-files-error")).includes("may not access this path"), await textOf(frame, "#guest-files-error"));
        assert.true(await frame.$eval("#guest-upload-submit", b => (b as HTMLButtonElement).disabled), "no upload into it");

        // The browser opens at the first allowed directory, /tmp; its link goes back there.
        await frame.click(".guest-files-allowed");
        await waitForFolder(frame, "/tmp");
        assert.true(await frame.$eval("#guest-files-up", b => (b as HTMLButtonElement).disabled), "not above the allowed directory");
        await frame.click("#guest-upload-submit");
        await frame.waitForSelector("#guest-upload-done", { timeout: 120_000 });
        const uploaded = await frame.$eval("#guest-upload-status", e => e.getAttribute("data-sha256"));
        assert.strictEqual(uploaded, want, "the agent's sha256 of the written file is the host file's");
        assert.true((await textOf(frame, "#guest-upload-done")).includes(`Uploaded /tmp/${name} (10 MiB)`));
        await waitFor("the new file in the listing", async () => (await listedNames(frame)).includes(name));

        const cdp = await page.createCDPSession();
        await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: DOWNLOADS });
        await clickInRow(frame, name, ".guest-file-download");
        await frame.waitForSelector("#guest-download-done", { timeout: 120_000 });
        const saved = path.join(DOWNLOADS, name);
        await waitFor("the downloaded file", () => readdirSync(DOWNLOADS).includes(name) && statSync(saved).size === 10 * 1024 * 1024, 30_000);
        assert.strictEqual(sha256File(saved), want, "the downloaded file is byte-identical");
        assert.strictEqual(await frame.$eval("#guest-download-status", e => e.getAttribute("data-sha256")), want);

        // The same name again, other bytes: the user is asked first; Cancel leaves the file as it was.
        const other = `${FILES}/other/${name}`;
        mkdirSync(path.dirname(other), { recursive: true });
        writeFileSync(other, "other bytes\n");
        await (await frame.$("#guest-upload-file") as ElementHandle<HTMLInputElement>).uploadFile(other);
        await frame.click("#guest-upload-submit");
        await frame.waitForSelector("#guest-replace-dialog");
        assert.strictEqual(await textOf(frame, "#guest-replace-names"), name, "it names the file that would be replaced");
        await frame.click("#guest-replace-dialog .pf-m-link");
        await frame.waitForSelector("#guest-replace-dialog", { hidden: true });
        assert.strictEqual((await runInGuest(frame, `sha256sum /tmp/${name}`)).split(" ")[0], want, "not replaced");
        await frame.click("#guest-upload-submit");
        await frame.click("#guest-replace-dialog-submit");
        await waitFor("the replacing upload", async () => (await frame.$eval("#guest-upload-status", e => e.getAttribute("data-sha256"))) === sha256File(other), 120_000);
        assert.strictEqual(await runInGuest(frame, `cat /tmp/${name}`), "other bytes\n", "replaced once the user agreed");

        // A file larger than the page can hold (sparse, 3 GiB): refused at once, nothing saved.
        await runInGuest(frame, `truncate -s 3G /tmp/${MARK}-huge.bin`);
        await frame.click("#guest-files-refresh");
        await clickInRow(frame, `${MARK}-huge.bin`, ".guest-file-download");
        await frame.waitForSelector("#guest-download-error", { timeout: 60_000 });
        const refused = await textOf(frame, "#guest-download-error");
        assert.true(refused.includes("is 3 GiB") && refused.includes("up to 2 GiB"), refused);
        assert.false(readdirSync(DOWNLOADS).some(f => f.includes("huge")), "nothing was saved");
    });

    QUnit.test("one client at a time: a second tab gets a clear error, and connects by itself once the first leaves the Guest tab or is closed", async assert => {
        const { page, browser } = ui();
        const first = await openGuestTab(page, AGENT_VM);
        await waitForAgentPanel(first);
        const other = await browser.newPage();
        try {
            const second = await openGuestTab(other, AGENT_VM);
            await second.waitForSelector("#guest-connect-error", { timeout: 60_000 });
            assert.strictEqual(await second.$eval("#guest-connect-error", e => e.getAttribute("data-kind")), "busy-channel");
            assert.true((await textOf(second, "#guest-connect-error")).includes("one client at a time"));
            assert.true((await textOf(second, "#guest-connect-auto-retry")).includes("tries again by itself"));

            // Leaving the Guest tab closes the first connection: the second tab, shown, connects
            // by itself (it tries again every few seconds). (Headless Chromium stalls pages in
            // the background: bring each to the front to use it.)
            await page.bringToFront();
            await first.click("#pf-tab-overview-vm-tab-overview");
            await first.waitForSelector("#vm-guest", { hidden: true });
            await other.bringToFront();
            await second.waitForSelector("#guest-agent-panel", { timeout: 60_000 });
            assert.strictEqual((await textOf(second, "#guest-hostname")).trim(), "kvmm-guest");

            // Closing that browser tab (not a tab of the page) frees the channel as well.
            await other.close();
            await page.bringToFront();
            const again = await openGuestTab(page, AGENT_VM);
            await waitForAgentPanel(again);
            assert.strictEqual((await textOf(again, "#guest-hostname")).trim(), "kvmm-guest", "the first tab connects again");
        } finally {
            if (!other.isClosed()) await other.close();
            await page.bringToFront();
        }
    });

    QUnit.test("a transfer can be cancelled: nothing is left in the guest or saved, and the tab goes on working", async assert => {
        const { page } = ui();
        const name = `${MARK}-cancel.bin`;
        const local = `${FILES}/${name}`;
        writeFileSync(local, randomBytes(64 * 1024 * 1024));
        const frame = await openGuestTab(page, AGENT_VM);
        await waitForAgentPanel(frame);
        const run = (command: string): Promise<string> => runInGuest(frame, command);

        const input = await frame.$("#guest-upload-file") as ElementHandle<HTMLInputElement>;
        await input.uploadFile(local);
        await waitForFolder(frame, "/tmp");
        await frame.click("#guest-upload-submit");
        await frame.click("#guest-upload-cancel");
        await frame.waitForSelector("#guest-upload-error", { timeout: 60_000 });
        assert.true((await textOf(frame, "#guest-upload-error")).includes("The transfer was cancelled."), await textOf(frame, "#guest-upload-error"));
        assert.false((await run("ls -a /tmp")).includes(name), "neither the file nor its temp file is in the guest");

        await run(`sh -c 'head -c 67108864 /dev/zero > /tmp/${name}'`);
        const cdp = await page.createCDPSession();
        await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: DOWNLOADS });
        await frame.click("#guest-files-refresh");
        await clickInRow(frame, name, ".guest-file-download");
        await frame.click("#guest-download-cancel");
        await frame.waitForSelector("#guest-download-error", { timeout: 60_000 });
        assert.true((await textOf(frame, "#guest-download-error")).includes("The transfer was cancelled."), await textOf(frame, "#guest-download-error"));
        assert.false(readdirSync(DOWNLOADS).includes(name), "nothing was saved");

        // The connection is still in step: the next call is answered.
        assert.strictEqual(await run("echo still-here"), "still-here\n");
        await run(`rm /tmp/${name}`);
    });

    QUnit.test("the agent dies mid-upload: the tab says so, and recovers when the agent is back", async assert => {
        const { page } = ui();
        const name = `${MARK}-40M.bin`;
        const local = `${FILES}/${name}`;
        writeFileSync(local, randomBytes(40 * 1024 * 1024));
        const small = `${FILES}/${MARK}-after.bin`;
        writeFileSync(small, randomBytes(1024 * 1024));
        const frame = await openGuestTab(page, AGENT_VM);
        await waitForAgentPanel(frame);

        // In the guest, detached from the agent: once the upload's temp file exists, SIGKILL the
        // agent ($(pidof kvmm-agent) is expanded now, while the agent runs), and start it
        // again 30 s later as the guest's init did, its stderr on the serial console.
        const killer = `setsid sh -c "while ! ls /tmp/.${name}.kvmm-*.tmp; do sleep 1; done; kill -9 $(pidof kvmm-agent); sleep 30; `
            + `/opt/kvmm-agent/start.sh >/dev/ttyS0 2>&1" >/dev/null 2>&1 </dev/null &`;
        await clearAndType(frame, "#guest-run-command", `sh -c '${killer}'`);
        await frame.click("#guest-run-submit");
        await waitFor("the killer to start", async () => (await textOf(frame, "#guest-run-status")) === "Exit code 0", 60_000);

        const input = await frame.$("#guest-upload-file") as ElementHandle<HTMLInputElement>;
        await input.uploadFile(local);
        await waitForFolder(frame, "/tmp");
        await frame.click("#guest-upload-submit");
        // The transfer stops answering; the tab drops the connection and reads the channel state.
        await frame.waitForSelector("#vm-guest[data-agent='not-listening']", { timeout: 90_000 });
        assert.strictEqual(await frame.$("#guest-upload-done"), null, "no success was claimed");
        assert.true((await textOf(frame, "#guest-status")).includes("guest agent is not running"), await textOf(frame, "#guest-status"));
        const lost = await textOf(frame, "#guest-lost");
        assert.true(lost.includes("stopped answering during the file transfer"), `the transfer's error stays shown: ${lost}`);

        // The agent starts again: the tab connects by itself, and a new upload works. The
        // restarted agent's stderr goes to the serial log: shown if it does not answer.
        await waitForAgentPanel(frame).catch((e: unknown) => {
            throw new Error(`${e instanceof Error ? e.message : String(e)}\nserial log:\n${serialOutput(AGENT_VM).slice(-3000)}`);
        });
        assert.strictEqual((await textOf(frame, "#guest-hostname")).trim(), "kvmm-guest");
        const again = await frame.$("#guest-upload-file") as ElementHandle<HTMLInputElement>;
        await again.uploadFile(small);
        await waitForFolder(frame, "/tmp");
        await frame.click("#guest-upload-submit");
        await frame.waitForSelector("#guest-upload-done, #guest-upload-error", { timeout: 120_000 });
        assert.strictEqual(await frame.$eval("#guest-upload-status", e => e.getAttribute("data-sha256")), sha256File(small), await textOf(frame, "#guest-upload-status"));
        assert.false((await runInGuest(frame, "ls -a /tmp")).includes(`.${name}.kvmm-`), "the restarted agent removed the temp file of the killed upload");
    });

    QUnit.test("graceful shutdown through the agent stops the guest", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        await frame.click("#guest-shutdown");
        await frame.waitForSelector("#guest-power-done, #guest-power-error", { timeout: 30_000 });
        assert.strictEqual(await frame.$("#guest-power-error"), null);
        await waitFor("the guest to shut off", async () => (await domstate(AGENT_VM)) === "shut off", 60_000, 500);
        assert.strictEqual(await domstate(AGENT_VM), "shut off");
        assert.strictEqual(countInSerial(AGENT_VM, "KVMM-GUEST-POWEROFF"), 0, "not the ACPI button: the agent did it");
    });

    QUnit.test("a method disabled in the agent's config is refused with its reason", async assert => {
        await virsh("start", NOEXEC_VM);
        await waitForSerial(NOEXEC_VM, "KVMM-GUEST-READY");
        const frame = await openGuestTab(ui().page, NOEXEC_VM);
        await waitForAgentPanel(frame);
        assert.strictEqual((await textOf(frame, "#guest-hostname")).trim(), "kvmm-guest", "the rest still works");
        const reason = await textOf(frame, "#guest-run-disabled");
        assert.true(reason.includes("disabled by the guest agent's configuration"), reason);
        assert.true(reason.includes("guest.exec"), "names the methods");
        assert.true(await frame.$eval("#guest-run-submit", b => (b as HTMLButtonElement).disabled), "Run is disabled");
    });
});
