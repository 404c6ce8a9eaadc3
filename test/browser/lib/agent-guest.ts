// The test guest with kvmm-agent (test/guest/build-agent-overlay.sh) and the shell's
// administrative-access switch, which the agent's root-owned channel socket needs.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import type { Frame, Page } from "puppeteer-core";

import { browserForModule, COCKPIT_URL, pluginFrame, type Session, TEST_PASSWORD, waitFor } from "./cockpit-session.ts";
import { serialLogPath } from "./test-guest.ts";
import { cleanupTestDomains, defineXml, type DomainSpec, domainXml, virsh } from "./virsh.ts";

const exec = promisify(execFile);
export const AGENT_GUEST_CACHE = process.env.KVMM_AGENT_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest-agent-bin";

/** Builds (or finds cached) the agent image and its disk; takes about a minute the first time. */
export async function buildAgentImage(): Promise<void> {
    const script = path.resolve("test/guest/build-agent-overlay.sh");
    await exec("bash", [script], { env: { ...process.env, KVMM_GUEST_CACHE: AGENT_GUEST_CACHE }, maxBuffer: 16 * 1024 * 1024 });
}

/** config: the kvmm.agent= value start.sh reads ("default", "noexec", "off"). */
export function agentGuestSpec(name: string, config = "default"): DomainSpec {
    return {
        name,
        // The agent (~40 MB RSS), the page cache of its binary and the files the tests write
        // (on the ramfs root) all take RAM.
        memoryMiB: 512,
        kernel: {
            kernel: `${AGENT_GUEST_CACHE}/vmlinuz`,
            initrd: `${AGENT_GUEST_CACHE}/initrd.img`,
            // ramfs: the tests' files may outgrow the default tmpfs root (half the RAM).
            cmdline: `console=ttyS0 quiet rootfstype=ramfs kvmm.agent=${config}`,
        },
        agentDisk: `${AGENT_GUEST_CACHE}/agent-disk.img`,
        serialLog: serialLogPath(name),
        agentChannel: true,
        userNic: true,
    };
}

export function sha256File(file: string): string {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Switches the session to administrative access through the shell's top bar, as a user does. */
export async function enableAdminAccess(page: Page): Promise<void> {
    const button = "#super-user-indicator button";
    await page.waitForSelector(button, { visible: true });
    const text = await page.$eval(button, b => b.textContent);
    if (text.includes("Administrative access")) return;
    await page.click(button);
    await page.waitForSelector("#switch-to-admin-access-password", { visible: true });
    await page.type("#switch-to-admin-access-password", TEST_PASSWORD);
    await page.keyboard.press("Enter");
    await waitFor("administrative access", async () =>
        (await page.$eval(button, b => b.textContent).catch(() => "")).includes("Administrative access"), 30_000);
}

/** The session's plugin frame with administrative access, switched on the first time (libvirt's images are root's files). */
export async function adminFrame(session: Session): Promise<Frame> {
    if (!(await session.page.$eval("#super-user-indicator button", b => b.textContent).catch(() => "")).includes("Administrative access")) {
        await enableAdminAccess(session.page);
        session.frame = await pluginFrame(session.page);
    }
    return session.frame;
}

/** Opens a VM's Guest tab in the shell and returns the plugin frame. */
export async function openGuestTab(page: Page, name: string): Promise<Frame> {
    // A change of the hash alone would keep the old page: load the shell afresh.
    await page.goto("about:blank");
    await page.goto(`${COCKPIT_URL}/kvm-manager#/vm/system/${encodeURIComponent(name)}?tab=guest`, { waitUntil: "domcontentloaded" });
    const frame = await pluginFrame(page);
    await frame.waitForSelector("#vm-guest", { timeout: 30_000 });
    return frame;
}

export async function textOf(frame: Frame, selector: string): Promise<string> {
    return frame.$eval(selector, e => e.textContent).catch(() => "");
}

/** Waits until the Guest tab is connected to the agent and shows its panel; throws the tab's error if it shows one. */
export async function waitForAgentPanel(frame: Frame): Promise<void> {
    await frame.waitForSelector("#vm-guest[data-agent='connected']", { timeout: 120_000 });
    await frame.waitForSelector("#guest-agent-panel, #guest-connect-error, #guest-agent-error", { timeout: 30_000 });
    const err = await textOf(frame, "#guest-connect-error, #guest-agent-error");
    if (err) throw new Error(`the Guest tab shows an error: ${err}`);
    // The first comparison of the clocks is the last part the panel fills in as it opens: after
    // it, clicks land where the page showed the target.
    await frame.waitForSelector("#guest-clock-offset:not([data-offset-ms='']), #guest-clock-error", { timeout: 30_000 });
}

/** Switches the VM page to its Overview tab and returns the guest agent line shown there. */
export async function overviewAgentLine(frame: Frame): Promise<string> {
    await frame.click("#pf-tab-overview-vm-tab-overview");
    await frame.waitForSelector("#vm-overview-agent-status");
    return (await textOf(frame, "#vm-overview-agent-status")).trim();
}

export async function clearAndType(frame: Frame, selector: string, value: string): Promise<void> {
    await frame.click(selector, { clickCount: 3 });
    await frame.type(selector, value);
}

/** Runs `command` through the Run a command form and waits for exit code 0; its stdout. */
export async function runInGuest(frame: Frame, command: string): Promise<string> {
    await clearAndType(frame, "#guest-run-command", command);
    await frame.click("#guest-run-submit");
    await waitFor(`"${command}" to run`, async () => (await textOf(frame, "#guest-run-status")) === "Exit code 0", 60_000);
    return textOf(frame, "#guest-run-stdout");
}

/**
 * The browser of a module whose tests drive agent guests. Before it: the test domains named
 * with `mark` are removed, the agent image built, `define` defined (a spec can be a function
 * that makes it then, e.g. with a disk image), `start` started, `scratch` (a host folder for
 * the tests' files, if any) made empty, and administrative access turned on. After it: the
 * domains and `scratch` are removed.
 */
export function agentGuestModule(hooks: NestedHooks, name: string,
                                 o: { mark: string; define: (DomainSpec | (() => Promise<DomainSpec>))[]; start: string[]; scratch?: string }): () => Session {
    const clean = async (): Promise<void> => {
        await cleanupTestDomains(o.mark);
        if (o.scratch !== undefined) rmSync(o.scratch, { recursive: true, force: true });
    };
    const ui = browserForModule(hooks, name, {
        setUp: async () => {
            await clean();
            if (o.scratch !== undefined) mkdirSync(o.scratch, { recursive: true });
            await buildAgentImage();
            for (const spec of o.define) await defineXml(domainXml(typeof spec === "function" ? await spec() : spec));
            for (const vm of o.start) await virsh("start", vm);
        },
        tearDown: clean,
    });
    hooks.before(async () => {
        await enableAdminAccess(ui().page);
    });
    return ui;
}
