// Drives headless Chromium through Cockpit's real login page into the plugin's frame.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import puppeteer, { type Browser, type Frame, type Page } from "puppeteer-core";

export const COCKPIT_URL = process.env.KVMM_COCKPIT_URL ?? "http://127.0.0.1:9090";
export const TEST_USER = process.env.KVMM_TEST_USER ?? "kvmtest";
export const TEST_PASSWORD = process.env.KVMM_TEST_PASSWORD ?? "kvmtest-pass-1";
const ARTIFACTS = path.resolve("test/artifacts");

export interface Session {
    browser: Browser;
    page: Page;
    frame: Frame;
    console: string[];
}

export async function launch(): Promise<{ browser: Browser; page: Page; console: string[] }> {
    const browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1400,900"],
        defaultViewport: { width: 1400, height: 900 },
        // With the Network domain on, Chromium base64-encodes every WebSocket frame for the test
        // process: it halved agent transfers and loads the 2 cores the guests need.
        networkEnabled: false,
    });
    const page = await browser.newPage();
    const log: string[] = [];
    page.on("console", msg => log.push(`[${msg.type()}] ${msg.text()}`));
    page.on("pageerror", error => log.push(`[pageerror] ${String(error)}`));
    return { browser, page, console: log };
}

export async function login(page: Page, target = "/kvm-manager", user = TEST_USER, password = TEST_PASSWORD): Promise<void> {
    await page.goto(`${COCKPIT_URL}${target}`, { waitUntil: "domcontentloaded" });
    await page.waitForSelector("#login-user-input", { visible: true });
    await page.type("#login-user-input", user);
    await page.type("#login-password-input", password);
    await Promise.all([
        page.waitForNavigation({ waitUntil: "domcontentloaded" }).catch(() => undefined),
        page.click("#login-button"),
    ]);
}

/** The plugin's iframe inside the shell. */
export async function pluginFrame(page: Page, timeout = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
        const frame = page.frames().find(f => f.url().includes("/kvm-manager/index.html"));
        if (frame) {
            await frame.waitForSelector("#app", { timeout: Math.max(1000, deadline - Date.now()) });
            return frame;
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error("the KVM Manager frame did not appear");
}

export async function openPlugin(hash = ""): Promise<Session> {
    const { browser, page, console } = await launch();
    try {
        await login(page, `/kvm-manager${hash}`);
        const frame = await pluginFrame(page);
        return { browser, page, frame, console };
    } catch (error) {
        // No test holds this session yet: keep what the page showed here, then say it.
        const name = `open-plugin-${new Date().toISOString()}`;
        await saveArtifacts({ browser, page, frame: page.mainFrame(), console }, name);
        const shown = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => "");
        await browser.close();
        throw new Error(`${String(error)} (at ${page.url()}, showing "${shown}"; see ${name}.png)`);
    }
}

/** Saves a screenshot and the browser console for a failed test. */
export async function saveArtifacts(session: Session | undefined, name: string): Promise<void> {
    if (!session) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    const base = path.join(ARTIFACTS, name.replace(/[^\w.-]+/g, "_"));
    try {
        await session.page.screenshot({ path: `${base}.png`, fullPage: true });
    } catch {
        // a crashed page has no screenshot; the console log below still helps
    }
    writeFileSync(`${base}.console.txt`, session.console.join("\n"));
}

/** Polls `check` until it returns a truthy value; fails with `what` after the timeout. */
type Falsy = undefined | null | false | 0 | "";

export async function waitFor<T>(what: string, check: () => Promise<T | Falsy> | T | Falsy, timeout = 20_000, interval = 100): Promise<T> {
    const deadline = Date.now() + timeout;
    let last: unknown;
    while (Date.now() < deadline) {
        try {
            const value = await check();
            if (value) return value;
        } catch (error) {
            last = error;
        }
        await new Promise(resolve => setTimeout(resolve, interval));
    }
    throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}

interface AssertWithTest { test: { testName: string; assertions: { result: boolean }[] } }

/** For afterEach hooks: keeps a screenshot and the console of a test that failed. */
export async function saveIfFailed(assert: Assert, session: Session | undefined, prefix: string): Promise<void> {
    const test = (assert as unknown as AssertWithTest).test;
    if (test.assertions.every(a => a.result)) return;
    await saveArtifacts(session, `${prefix}-${test.testName}`).catch(() => undefined);
}

/**
 * One logged-in browser for a QUnit module: opened after `setUp`, closed before `tearDown`,
 * with a screenshot and console kept for each failed test. Returns the session getter.
 */
export function browserForModule(hooks: NestedHooks, name: string,
                                 options: { setUp?: () => Promise<void>; tearDown?: () => Promise<void> } = {}): () => Session {
    let session: Session | undefined;
    hooks.before(async () => {
        await options.setUp?.();
        session = await openPlugin();
    });
    hooks.afterEach(assert => saveIfFailed(assert, session, name));
    hooks.after(async () => {
        await session?.browser.close();
        await options.tearDown?.();
    });
    return () => {
        if (!session) throw new Error("the browser session did not open");
        return session;
    };
}

/** Fetches `url` in the page's frame (its session's cookies and origin) into a file of this machine. */
export async function fetchToFile(frame: Frame, url: string, file: string): Promise<void> {
    const base64 = await frame.evaluate(async (u: string) => {
        const response = await fetch(u);
        if (!response.ok) throw new Error(`${u}: ${String(response.status)} ${response.statusText}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        let binary = "";
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
    }, url);
    writeFileSync(file, Buffer.from(base64, "base64"));
}
