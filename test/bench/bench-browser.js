// What the benchmarks share: the test login and a headless Chromium started with the flags
// that work on these machines (see test/browser/lib/cockpit-session.ts for the tests' own).
import puppeteer from "puppeteer-core";

export const COCKPIT_URL = process.env.KVMM_COCKPIT_URL ?? "http://127.0.0.1:9090";
export const USER = process.env.KVMM_TEST_USER ?? "kvmtest";
export const PASSWORD = process.env.KVMM_TEST_PASSWORD ?? "kvmtest-pass-1";

export function launchBrowser(extraArgs = []) {
    return puppeteer.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", ...extraArgs],
        defaultViewport: { width: 1400, height: 900 },
        // Else Chromium reports every WebSocket frame, base64-encoded, to this process: that
        // halved the agent's transfers through the page (see host-stack notes).
        networkEnabled: false,
    });
}

export async function login(page, target) {
    await page.goto(`${COCKPIT_URL}${target}`, { waitUntil: "domcontentloaded" });
    await page.waitForSelector("#login-user-input", { visible: true });
    await page.type("#login-user-input", USER);
    await page.type("#login-password-input", PASSWORD);
    await Promise.all([page.waitForNavigation({ waitUntil: "domcontentloaded" }).catch(() => undefined), page.click("#login-button")]);
}
