// The Guest tab's Run a command, clock and file browser against kvmm-agent in a real (TCG)
// test guest. Commands: output shown (also as it comes), Stop, a shell when asked, leaving the
// tab stops one, bad input explained. Clock: an offset shown, set from the host's. Files:
// folders open (by name, by a link, up), a link to a file downloads it, a new folder with an
// odd name, several files and a dropped one uploaded, deleting asks first and removes what it
// says. A suite of its own (mark "gfiles"): it boots one guest and shares no names with
// "Guest agent".
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { ElementHandle } from "puppeteer-core";
import QUnit from "qunit";

import {
    agentGuestModule, agentGuestSpec, clearAndType, openGuestTab, runInGuest, textOf, waitForAgentPanel,
} from "./lib/agent-guest.ts";
import { waitFor } from "./lib/cockpit-session.ts";
import { expectClockSetFromHost } from "./lib/guest-clock-ui.ts";
import { clickInRow, listedNames, waitForFolder } from "./lib/guest-files-ui.ts";
import { suiteMark } from "./lib/virsh.ts";

const MARK = suiteMark("gfiles");
const AGENT_VM = `${MARK}-guest`;
const FILES = `/tmp/${MARK}-files`;

QUnit.module("Guest commands and files", hooks => {
    const ui = agentGuestModule(hooks, "guest-commands-files", { mark: MARK, define: [agentGuestSpec(AGENT_VM)], start: [AGENT_VM], scratch: FILES });

    QUnit.test("a command's output is shown; bad input gets a clear error", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        await frame.type("#guest-run-command", "cat /etc/hostname /proc/sys/kernel/ostype");
        await frame.click("#guest-run-submit");
        await waitFor("exit code 0", async () => (await textOf(frame, "#guest-run-status")) === "Exit code 0", 60_000);
        assert.strictEqual(await textOf(frame, "#guest-run-stdout"), "kvmm-guest\nLinux\n");

        await clearAndType(frame, "#guest-run-command", "sh -c 'echo oops >&2; exit 3'");
        await frame.click("#guest-run-submit");
        await waitFor("exit code 3", async () => (await textOf(frame, "#guest-run-status")) === "Exit code 3", 60_000);
        assert.strictEqual(await textOf(frame, "#guest-run-stderr"), "oops\n");

        await clearAndType(frame, "#guest-run-command", "echo 'unterminated");
        await frame.click("#guest-run-submit");
        await frame.waitForSelector("#guest-run-error");
        assert.true((await textOf(frame, "#guest-run-error")).includes("unterminated quote"));
        assert.strictEqual(await frame.$("#guest-run-result"), null, "nothing ran");

        await clearAndType(frame, "#guest-run-command", "/no/such/program");
        await frame.click("#guest-run-submit");
        await waitFor("the error of a missing program", async () => (await textOf(frame, "#guest-run-error")).includes("could not run"), 60_000);
    });

    QUnit.test("a long command's output shows as it comes, Stop ends it, and a shell runs command lines when asked", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);

        // Longer than guest.exec's 60 s limit, and the first line long before the end.
        await clearAndType(frame, "#guest-run-command", "sh -c 'echo first; sleep 65; echo second'");
        await frame.click("#guest-run-submit");
        await waitFor("the first line while it runs", async () => (await textOf(frame, "#guest-run-stdout")) === "first\n", 30_000);
        assert.strictEqual(await frame.$eval("#guest-run-result", e => e.getAttribute("data-running")), "true", "still running");
        assert.true(await frame.$eval("#guest-run-submit", b => (b as HTMLButtonElement).disabled), "one command at a time");
        await waitFor("the end", async () => (await textOf(frame, "#guest-run-status")) === "Exit code 0", 120_000, 1000);
        assert.strictEqual(await textOf(frame, "#guest-run-stdout"), "first\nsecond\n", "all of it, once");

        // Stop: SIGTERM to the command's process group.
        await clearAndType(frame, "#guest-run-command", "sleep 600");
        await frame.click("#guest-run-submit");
        await frame.waitForSelector("#guest-run-stop");
        await frame.click("#guest-run-stop");
        await waitFor("the command to end", async () => (await textOf(frame, "#guest-run-status")) === "Killed by SIGTERM", 30_000);
        assert.false((await runInGuest(frame, "ps")).includes("sleep 600"), "no sleep left in the guest");

        // In a shell, pipes work; the same line without one is argv.
        await frame.click("#guest-run-shell");
        await runInGuest(frame, "echo abc | tr a-c x-z; echo \"$((6 * 7))\"");
        assert.strictEqual(await textOf(frame, "#guest-run-stdout"), "xyz\n42\n");
        await frame.click("#guest-run-shell");
        assert.strictEqual(await runInGuest(frame, "echo abc | tr a-c x-z"), "abc | tr a-c x-z\n", "without the shell, | is an argument");

        // Leaving the Guest tab stops a running command at once (not the agent's idle limit, a minute).
        await clearAndType(frame, "#guest-run-command", "sleep 601");
        await frame.click("#guest-run-submit");
        await frame.waitForSelector("#guest-run-stop");
        await frame.click("#pf-tab-overview-vm-tab-overview");
        await frame.waitForSelector("#vm-guest", { hidden: true });
        await frame.click("#pf-tab-guest-vm-tab-guest");
        await waitForAgentPanel(frame);
        await waitFor("sleep 601 to be gone", async () => !(await runInGuest(frame, "ps")).includes("sleep 601"), 20_000, 1000);
    });

    QUnit.test("a guest clock five minutes behind is shown as such, and set from the host's", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        await runInGuest(frame, `date -u -s @${Math.round(Date.now() / 1000) - 300}`);
        await expectClockSetFromHost(frame, assert, async () => Number(await runInGuest(frame, "date +%s")));
    });

    QUnit.test("folders open, a new folder, several files and a dropped one uploaded, deleting asks first", async assert => {
        const frame = await openGuestTab(ui().page, AGENT_VM);
        await waitForAgentPanel(frame);
        await waitForFolder(frame, "/tmp");
        const folder = `${MARK} odd <&> 'name' ä`;

        // A new folder: a bad name is explained before anything is asked of the agent.
        await frame.click("#guest-files-mkdir");
        await frame.waitForSelector("#guest-mkdir-dialog");
        await frame.type("#guest-mkdir-name", "a/b");
        assert.true((await textOf(frame, "#guest-mkdir-problem")).includes("cannot contain \"/\""));
        assert.true(await frame.$eval("#guest-mkdir-dialog-submit", b => (b as HTMLButtonElement).disabled), "Create is disabled");
        await clearAndType(frame, "#guest-mkdir-name", folder);
        await frame.click("#guest-mkdir-dialog-submit");
        await frame.waitForSelector("#guest-mkdir-dialog", { hidden: true });
        await waitFor("the new folder in the listing", async () => (await listedNames(frame)).includes(folder));
        // runInGuest waits for exit code 0 (busybox ls would print "ä" as "??").
        assert.strictEqual(await runInGuest(frame, `test -d "/tmp/${folder}"`), "", "the guest has the folder");

        // Into it by its name, two files at once (one of them empty), then one dropped on the browser.
        await clickInRow(frame, folder, ".guest-file-open");
        await waitForFolder(frame, `/tmp/${folder}`);
        assert.strictEqual(await textOf(frame, "#guest-files-empty"), "This folder is empty.");
        const first = `${FILES}/several/first.txt`;
        const empty = `${FILES}/several/empty`;
        mkdirSync(path.dirname(first), { recursive: true });
        writeFileSync(first, "first file\n");
        writeFileSync(empty, "");
        await (await frame.$("#guest-upload-file") as ElementHandle<HTMLInputElement>).uploadFile(first, empty);
        await frame.click("#guest-upload-submit");
        await frame.waitForSelector("#guest-upload-done", { timeout: 60_000 });
        assert.true((await textOf(frame, "#guest-upload-done")).includes(`Uploaded 2 files to /tmp/${folder}`), await textOf(frame, "#guest-upload-done"));
        await waitFor("both files listed", async () => (await listedNames(frame)).join(",") === "empty,first.txt");
        const sizes = await runInGuest(frame, `wc -c "/tmp/${folder}/first.txt" "/tmp/${folder}/empty"`);
        assert.deepEqual(sizes.trim().split("\n").map(l => l.trim().split(/\s+/)[0]), ["11", "0", "11"], sizes);

        await frame.$eval("#guest-files", target => {
            const data = new DataTransfer();
            data.items.add(new File(["dropped <x> & ä\n"], "dropped.txt"));
            target.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        });
        await waitFor("the dropped file listed", async () => (await listedNames(frame)).includes("dropped.txt"));
        assert.strictEqual(await runInGuest(frame, `cat "/tmp/${folder}/dropped.txt"`), "dropped <x> & ä\n", "its bytes arrived");

        // Deleting asks first; Cancel keeps the file.
        await clickInRow(frame, "first.txt", ".guest-file-delete");
        await frame.waitForSelector("#guest-delete-dialog");
        assert.true((await textOf(frame, "#guest-delete-dialog")).includes(`/tmp/${folder}/first.txt will be deleted`));
        await frame.click("#guest-delete-dialog .pf-m-link");
        await frame.waitForSelector("#guest-delete-dialog", { hidden: true });
        await clickInRow(frame, "first.txt", ".guest-file-delete");
        await frame.click("#guest-delete-dialog-submit");
        await waitFor("first.txt gone from the listing", async () => !(await listedNames(frame)).includes("first.txt"));
        assert.strictEqual(await runInGuest(frame, `ls "/tmp/${folder}"`), "dropped.txt\nempty\n", "and from the guest");

        // A link to a file downloads that file.
        const cdp = await ui().page.createCDPSession();
        mkdirSync(`${FILES}/downloads`, { recursive: true });
        await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: `${FILES}/downloads` });
        await runInGuest(frame, `ln -s dropped.txt "/tmp/${folder}/dropped-link"`);
        await frame.click("#guest-files-refresh");
        await clickInRow(frame, "dropped-link", ".guest-file-open");
        await frame.waitForSelector("#guest-download-done", { timeout: 60_000 });
        // Chromium adds an extension it sniffs from the bytes ("dropped-link.txt").
        const saved = await waitFor("the linked file saved", () => readdirSync(`${FILES}/downloads`).find(f => f.startsWith("dropped-link") && !f.endsWith(".crdownload")), 30_000);
        assert.strictEqual(readFileSync(`${FILES}/downloads/${saved}`, "utf8"), "dropped <x> & ä\n", "the link's target was saved");

        // Up, back in /tmp; a link to the folder opens it; the folder goes with everything in it.
        await frame.click("#guest-files-up");
        await waitForFolder(frame, "/tmp");
        await runInGuest(frame, `ln -s "/tmp/${folder}" /tmp/${MARK}-link`);
        await frame.click("#guest-files-refresh");
        await clickInRow(frame, `${MARK}-link`, ".guest-file-open");
        await waitForFolder(frame, `/tmp/${folder}`);
        await frame.click("#guest-files-up");
        await waitForFolder(frame, "/tmp");
        await clickInRow(frame, folder, ".guest-file-delete");
        assert.true((await textOf(frame, "#guest-delete-dialog")).includes("and everything in it"));
        await frame.click("#guest-delete-dialog-submit");
        await waitFor("the folder gone from the listing", async () => !(await listedNames(frame)).includes(folder));
        assert.strictEqual(await runInGuest(frame, `test ! -e "/tmp/${folder}"`), "", "gone from the guest");

        // A path that is not absolute is explained, not sent.
        await clearAndType(frame, "#guest-files-path", "tmp");
        await frame.click("#guest-files-go");
        assert.true((await textOf(frame, "#guest-files-path-problem")).includes("absolute path"));
        await runInGuest(frame, `rm /tmp/${MARK}-link`);
    });
});
