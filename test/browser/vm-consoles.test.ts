// The Console tab on real QEMU guests: the serial console through `virsh console` on a pty
// channel, the VNC display through noVNC over a Cockpit external channel, keys sent to the
// guest, text typed into it, the VNC password prompt, and adding a VNC display to a VM without one.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";

import type { ElementHandle } from "puppeteer-core";
import QUnit from "qunit";

import { parseConsoleDevices } from "../../src/libvirt/console-devices.ts";
import { xmlBuilder, xmlParser } from "../../src/libvirt/xml.ts";
import { browserForModule, COCKPIT_URL, waitFor } from "./lib/cockpit-session.ts";
import { canvasColours, click, openConsoles, stateOf, terminalText, waitForState } from "./lib/consoles-page.ts";
import { countInSerial, guestSpec, runOnSerial, serialOutput, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, domstate, suiteMark, virsh } from "./lib/virsh.ts";

const exec = promisify(execFile);
const MARK = suiteMark("console");
const NAME = `${MARK}-vnc`;
const LOCKED = `${MARK}-locked`;
const PLAIN = `${MARK}-plain`;
const TRANSIENT = `${MARK}-transient`;
const PASSWORD = "kvmm-pw";
const READY = "KVMM-GUEST-READY";
const POWEROFF = "KVMM-GUEST-POWEROFF";

/** Adds a second pty serial port (ttyS1) to a domain XML. */
function withSecondSerialPort(xml: string): string {
    const doc = xmlParser.parse(xml) as { domain: { devices: { serial: unknown[] } } };
    doc.domain.devices.serial.push({ "@_type": "pty", target: { "@_port": "1" } });
    return xmlBuilder.build(doc);
}

/** What `virsh console` (without --force) says when it tries a console device of the VM. */
async function consoleAttempt(name: string, device: string): Promise<string> {
    const command = `virsh -c qemu:///system console --devname ${device} ${name}`;
    try {
        const { stdout, stderr } = await exec("timeout", ["5", "script", "-qc", command, "/dev/null"]);
        return stdout + stderr;
    } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return (e.stdout ?? "") + (e.stderr ?? "");
    }
}

QUnit.module("VM consoles", hooks => {
    const ui = browserForModule(hooks, "vm-consoles", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml(guestSpec(NAME, { vnc: true })));
            await defineXml(domainXml(guestSpec(LOCKED, { vnc: true, vncPassword: PASSWORD })));
            await defineXml(withSecondSerialPort(domainXml(guestSpec(PLAIN))));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("The lazily loaded tabs are styled by the page's one stylesheet", async assert => {
        const { frame } = ui();
        const openTab = async (tab: string, selector: string): Promise<void> => {
            await frame.evaluate(hash => { window.location.hash = hash }, `#/vm/system/${PLAIN}?tab=${tab}`);
            await frame.waitForSelector(selector, { visible: true, timeout: 30_000 });
        };
        await openTab("usage", "#vm-usage");
        await openTab("guest", "#vm-guest #guest-status");
        assert.strictEqual(await frame.$eval("#guest-status", e => getComputedStyle(e).display), "grid", "PatternFly's alert style applies in the Guest tab");
        await openConsoles(frame, PLAIN);
        const consoles = await frame.$eval("#vm-consoles", e => ({ display: getComputedStyle(e).display, gap: getComputedStyle(e).rowGap }));
        assert.deepEqual(consoles, { display: "flex", gap: "8px" }, "the Console tab's own rules apply, with PatternFly's spacing");
        const sheets = await frame.evaluate(() => performance.getEntriesByType("resource").map(e => new URL(e.name).pathname).filter(p => p.endsWith(".css")));
        assert.deepEqual(sheets.map(p => p.split("/").pop()), ["index.css"], "no stylesheet but index.css was loaded");
    });

    QUnit.test("Serial console shows the boot output and runs what is typed", async assert => {
        const { frame, page, browser } = ui();
        await openConsoles(frame, NAME);
        await click(frame, "#console-type-serial");
        await waitForState(frame, "serial-console", "stopped");
        assert.true((await frame.$eval("#serial-message", e => e.textContent)).includes("not running"), "says the VM is not running");

        // Started paused, so that the console is attached before the guest prints anything.
        await virsh("start", "--paused", NAME);
        await waitForState(frame, "serial-console", "connected");
        await virsh("resume", NAME);
        await waitFor("the boot output in the terminal", async () => (await terminalText(frame)).includes(READY), 90_000);
        await waitFor("the shell prompt", async () => (await terminalText(frame)).includes("kvmm-guest:~#"), 30_000);
        assert.true((await terminalText(frame)).includes(READY), "KVMM-GUEST-READY is in the terminal");

        await click(frame, "#serial-terminal .xterm-screen");
        await page.keyboard.type("echo kvmm-$((6*7))");
        await page.keyboard.press("Enter");
        await waitFor("the command's output", async () => (await terminalText(frame)).includes("kvmm-42"), 20_000);
        assert.true(serialOutput(NAME).includes("kvmm-42"), "the guest ran the command (its serial log has the output)");

        // Copy: a double-click selects the word, Ctrl+Shift+C puts it on the clipboard.
        await browser.defaultBrowserContext().setPermission(COCKPIT_URL,
            { permission: { name: "clipboard-read" }, state: "granted" }, { permission: { name: "clipboard-write" }, state: "granted" });
        let rowElement: ElementHandle | undefined;
        for (const handle of await frame.$$("#serial-terminal .xterm-rows > div"))
            if (await handle.evaluate(r => r.textContent.trim() === "kvmm-42")) rowElement = handle;
        if (!rowElement) throw new Error("no terminal row with the output");
        await rowElement.click({ count: 2, offset: { x: 15, y: 6 } });
        await page.keyboard.down("Control");
        await page.keyboard.down("Shift");
        await page.keyboard.press("KeyC");
        await page.keyboard.up("Shift");
        await page.keyboard.up("Control");
        const copied = await waitFor("the copied text", () => frame.evaluate(() => navigator.clipboard.readText()));
        assert.strictEqual(copied, "kvmm-42", "the selection was copied");
        // Paste: the browser's paste event on the terminal becomes input.
        await frame.$eval("#serial-terminal .xterm-helper-textarea", (textarea, pasted) => {
            const data = new DataTransfer();
            data.setData("text/plain", pasted);
            textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }, "echo kvmm-paste-$((2+3))\n");
        await waitFor("the pasted command's output", async () => (await terminalText(frame)).includes("kvmm-paste-5"), 20_000);
        assert.true(serialOutput(NAME).includes("kvmm-paste-5"), "the guest ran the pasted command");

        await click(frame, "#serial-disconnect");
        await waitForState(frame, "serial-console", "disconnected");
        await click(frame, "#serial-reconnect");
        await waitForState(frame, "serial-console", "connected");
        assert.strictEqual(await domstate(NAME), "running");
    });

    QUnit.test("VNC console shows the guest's screen", async assert => {
        const { frame } = ui();
        await click(frame, "#console-type-graphical");
        await waitForState(frame, "vnc-console", "connected");
        const colours = await waitFor("guest pixels on the VNC canvas", async () => {
            const n = await canvasColours(frame);
            return n > 1 ? n : 0;
        }, 20_000);
        assert.true(colours > 1, `the canvas shows ${String(colours)} colours`);

        await click(frame, "#vnc-scale-none");
        const size = await frame.$eval("#vnc-screen canvas", c => [c.width, c.clientWidth]);
        assert.strictEqual(size[1], size[0], "1:1 shows the display at its own size");
        await click(frame, "#vnc-scale-fit");

        await click(frame, "#vnc-fullscreen");
        await waitFor("full screen", () => frame.$(".vnc-console--fullscreen"));
        const covered = await frame.$eval("#vnc-console", e => e.getBoundingClientRect().height >= window.innerHeight - 1);
        assert.true(covered, "the console fills the frame");
        await click(frame, "#vnc-fullscreen");
        await waitFor("normal size", async () => (await frame.$(".vnc-console--fullscreen")) === null);
    });

    QUnit.test("Scale to fit shows the whole display in a 1280×900 window, both ways", async assert => {
        const { frame, page } = ui();
        await click(frame, "#vnc-scale-fit");
        await waitForState(frame, "vnc-console", "connected");
        const iframe = await frame.frameElement();
        if (!iframe) throw new Error("the plugin is not in a frame");
        const placed = async (): Promise<{ left: number; top: number; right: number; bottom: number }> => {
            const outer = await iframe.evaluate(e => e.getBoundingClientRect().toJSON() as DOMRect);
            const inner = await frame.$eval("#vnc-screen canvas", c => {
                window.scrollTo(0, 0);
                return c.getBoundingClientRect().toJSON() as DOMRect;
            });
            return { left: outer.left + inner.left, top: outer.top + inner.top, right: outer.left + inner.right, bottom: outer.top + inner.bottom };
        };
        try {
            await page.setViewport({ width: 1280, height: 900 });
            const fits = (r: { left: number; top: number; right: number; bottom: number }) => r.left >= 0 && r.top >= 0 && r.right <= 1280 && r.bottom <= 900;
            let last = await placed();
            await waitFor("the display within the window", async () => {
                last = await placed();
                return fits(last) && last.bottom - last.top > 300;
            }, 10_000).catch(() => undefined);
            assert.true(fits(last), `the canvas is within 1280×900 at the top of the page: ${JSON.stringify(last)}`);
            assert.true(last.bottom - last.top > 300, `and not shrunk to nothing: ${JSON.stringify(last)}`);
        } finally {
            await page.setViewport({ width: 1400, height: 900 });
        }
    });

    QUnit.test("Send key Ctrl+Alt+Del reaches the guest, which reboots", async assert => {
        const { frame } = ui();
        const boots = countInSerial(NAME, READY);
        await click(frame, "#vnc-send-key");
        await click(frame, "#vnc-send-ctrl-alt-del");
        await waitForSerial(NAME, READY, boots + 1);
        assert.strictEqual(countInSerial(NAME, POWEROFF), 0, "it was the keyboard, not the ACPI power button");
        assert.strictEqual(await domstate(NAME), "running");
        assert.strictEqual(await stateOf(frame, "vnc-console"), "connected", "the display stays connected through the reboot");
    });

    QUnit.test("Type text… types upper case and symbols into the guest; Ctrl+Alt+F2 switches its console", async assert => {
        const { frame } = ui();
        await waitForState(frame, "vnc-console", "connected");
        // No shell runs on the display's console (tty1): a reader started from the serial console
        // takes the line typed there and prints it on the serial console, between markers.
        await runOnSerial(NAME, "(read -r l </dev/tty1; printf 'typed-%s:%s:\\n' $((6*7)) \"$l\" >/dev/ttyS0) & echo armed-$((3*3))", "armed-9");
        const text = "Kvmm Typed: echo ~!@#$%^&*()_+{}|:\"<>? `-=[]\\;',./ AZ az 09";

        await click(frame, "#vnc-send-key");
        await click(frame, "#vnc-type-text");
        await frame.type("#vnc-type-text-input", "Grüße");
        const refused = await frame.$eval("#vnc-type-text-untypeable", e => e.textContent);
        assert.true(refused.includes("\"ü\"") && refused.includes("\"ß\""), `the characters that cannot be typed are named: ${refused}`);
        assert.true(await frame.$eval("#vnc-type-text-dialog-submit", b => (b as HTMLButtonElement).disabled), "and Type is not offered");
        await frame.$eval("#vnc-type-text-input", e => (e as HTMLInputElement).select());
        await frame.type("#vnc-type-text-input", text);
        assert.strictEqual(await frame.$("#vnc-type-text-untypeable"), null, "all of the text can be typed");
        await click(frame, "#vnc-type-text-enter");
        await click(frame, "#vnc-type-text-dialog-submit");
        await waitFor("the dialog to close", async () => (await frame.$("#vnc-type-text-dialog")) === null, 30_000);
        await waitForSerial(NAME, `typed-42:${text}:`, 1, 30_000);
        assert.true(serialOutput(NAME).includes(`typed-42:${text}:`), "the guest read exactly the text, then Enter");

        // The kernel switches virtual consoles on Ctrl+Alt+Fn, to one that exists (opening tty2
        // makes it): the serial console watches which is shown.
        const shown = (vt: string) => `i=0; while [ $i -lt 50 ] && [ "$(cat /sys/class/tty/tty0/active)" != ${vt} ]; do sleep 0.1; i=$((i+1)); done; echo vt-$(cat /sys/class/tty/tty0/active)-end`;
        await runOnSerial(NAME, ": </dev/tty2; echo made-$((2*2))", "made-4");
        await click(frame, "#vnc-send-key");
        await click(frame, "#vnc-send-ctrl-alt-f2");
        await runOnSerial(NAME, shown("tty2"), "vt-tty2-end");
        await click(frame, "#vnc-send-key");
        await click(frame, "#vnc-send-ctrl-alt-f1");
        await runOnSerial(NAME, shown("tty1"), "vt-tty1-end");
        assert.true(serialOutput(NAME).includes("vt-tty2-end"), "Ctrl+Alt+F2 showed tty2, Ctrl+Alt+F1 tty1 again");
    });

    QUnit.test("The console reconnects after the VM is restarted", async assert => {
        const { frame } = ui();
        await virsh("destroy", NAME);
        await waitFor("the not-running state", () => frame.$("#vnc-not-running"));
        await virsh("start", "--paused", NAME);
        await waitForState(frame, "vnc-console", "connected");
        await click(frame, "#console-type-serial");
        await waitForState(frame, "serial-console", "connected");
        assert.strictEqual(await domstate(NAME), "paused");
        await virsh("destroy", NAME);
    });

    QUnit.test("A VNC password is asked for; a wrong one is refused", async assert => {
        const { frame } = ui();
        await virsh("start", "--paused", LOCKED);
        await openConsoles(frame, LOCKED);
        await waitForState(frame, "vnc-console", "password");
        await frame.type("#vnc-password-input", "wrong");
        await click(frame, "#vnc-password-submit");
        await waitForState(frame, "vnc-console", "disconnected");
        const message = await frame.$eval("#vnc-message", e => e.textContent);
        assert.true(message.includes("refused"), `the refusal is shown: ${message}`);

        await click(frame, "#vnc-reconnect");
        await waitForState(frame, "vnc-console", "password");
        await frame.type("#vnc-password-input", PASSWORD);
        await click(frame, "#vnc-password-submit");
        await waitForState(frame, "vnc-console", "connected");
        assert.true(await frame.$("#vnc-screen canvas") !== null, "the display is shown");

        await click(frame, "#vnc-disconnect");
        await waitForState(frame, "vnc-console", "disconnected");
        await click(frame, "#vnc-reconnect");
        await waitForState(frame, "vnc-console", "connected");
        assert.strictEqual(await frame.$("#vnc-password-form"), null, "the accepted password is offered again without asking");
    });

    QUnit.test("A VM without graphics offers Add VNC, which changes the saved configuration", async assert => {
        const { frame } = ui();
        await virsh("start", "--paused", PLAIN);
        await openConsoles(frame, PLAIN);
        await click(frame, "#console-type-graphical");
        await click(frame, "#add-vnc");
        await waitFor("the pending-display note", () => frame.$("#vnc-pending"));
        const saved = parseConsoleDevices(await virsh("dumpxml", "--inactive", PLAIN));
        assert.deepEqual(saved.vnc, { hasPassword: false }, "the saved configuration has a VNC display");
        assert.true((await virsh("dumpxml", "--inactive", PLAIN)).includes("<video>"), "and a video device");
        assert.strictEqual(parseConsoleDevices(await virsh("dumpxml", PLAIN)).vnc, undefined, "the running VM is unchanged until its next start");

        await virsh("destroy", PLAIN);
        await virsh("start", "--paused", PLAIN);
        await waitForState(frame, "vnc-console", "connected");
        assert.true(await frame.$("#vnc-none") === null, "no more offer to add one");
    });

    QUnit.test("Several serial ports: the chosen one is connected", async assert => {
        const { frame } = ui();
        await click(frame, "#console-type-serial");
        await waitForState(frame, "serial-console", "connected");
        const options = await frame.$$eval("#serial-device option", os => os.map(o => [o.value, o.textContent]));
        assert.deepEqual(options, [["serial0", "Serial port 0"], ["serial1", "Serial port 1"]]);
        await frame.select("#serial-device", "serial1");
        await waitFor("serial1 connected", async () =>
            await frame.$eval("#serial-console", e => e.getAttribute("data-device") === "serial1" && e.getAttribute("data-state") === "connected"));
        const attempt = await consoleAttempt(PLAIN, "serial1");
        assert.true(attempt.includes("Active console session exists"), `the page holds serial1: ${attempt}`);
        assert.strictEqual(await stateOf(frame, "serial-console"), "connected", "and keeps it");
    });

    QUnit.test("A transient VM is told why no display can be added", async assert => {
        const { frame } = ui();
        const file = `/tmp/${TRANSIENT}.xml`;
        writeFileSync(file, domainXml(guestSpec(TRANSIENT)));
        try {
            await virsh("create", "--paused", file);
        } finally {
            rmSync(file, { force: true });
        }
        await openConsoles(frame, TRANSIENT);
        await click(frame, "#console-type-graphical");
        const text = await frame.$eval("#vnc-none", e => e.textContent);
        assert.true(text.includes("transient"), `the reason is given: ${text}`);
        assert.strictEqual(await frame.$("#add-vnc"), null, "no Add VNC button");
        assert.false((await virsh("dumpxml", TRANSIENT)).includes("<graphics"), "the VM has no display");
    });
});
