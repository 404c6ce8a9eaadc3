// The test guest with kvmm-agent (test/guest/build-agent-overlay.sh) and the shell's
// administrative-access switch, which the agent's root-owned channel socket needs.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import type { Frame, Page } from "puppeteer-core";

import { COCKPIT_URL, pluginFrame, TEST_PASSWORD, waitFor } from "./cockpit-session.ts";
import { serialLogPath } from "./test-guest.ts";
import type { DomainSpec } from "./virsh.ts";

const exec = promisify(execFile);
export const AGENT_GUEST_CACHE = process.env.KVMM_AGENT_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest-agent";

/** Builds (or finds cached) the agent image; takes about a minute the first time. */
export async function buildAgentImage(): Promise<void> {
    const script = path.resolve("test/guest/build-agent-overlay.sh");
    await exec("bash", [script], { env: { ...process.env, KVMM_GUEST_CACHE: AGENT_GUEST_CACHE }, maxBuffer: 16 * 1024 * 1024 });
}

/** config: the kvmm.agent= value start.sh reads ("default", "noexec", "off"). */
export function agentGuestSpec(name: string, config = "default"): DomainSpec {
    return {
        name,
        // The ramfs root (~100 MB), the agent (~85 MB RSS) and the files the tests write all
        // take RAM: at 256 MiB the agent benchmark's guest had its agent OOM-killed.
        memoryMiB: 512,
        kernel: {
            kernel: `${AGENT_GUEST_CACHE}/vmlinuz`,
            initrd: `${AGENT_GUEST_CACHE}/initrd.img`,
            // The initramfs unpacks to ~100 MB: more than the default tmpfs root (half the RAM) holds.
            cmdline: `console=ttyS0 quiet rootfstype=ramfs kvmm.agent=${config}`,
        },
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
