// The page follows Cockpit's style setting live: switched in the shell's Session menu (which
// stores it and tells the frames), and "Default" after the OS's preference. Screenshots of the
// VM list, a VM page and the Overview in both themes are kept in test/artifacts/theme/.
import { mkdirSync } from "node:fs";
import path from "node:path";

import type { Frame, Page } from "puppeteer-core";
import QUnit from "qunit";

import { browserForModule, waitFor } from "./lib/cockpit-session.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark } from "./lib/virsh.ts";
import { waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("theme");
const NAME = `${MARK}-vm`;
const SHOTS = path.resolve("test/artifacts/theme");

type Style = "auto" | "light" | "dark";

interface Colours { dark: boolean; background: string; text: string; chartLabel: string; marker: unknown }

async function colours(frame: Frame): Promise<Colours> {
    return frame.evaluate(() => {
        const root = document.documentElement;
        const app = document.querySelector(".kvmm-app") ?? document.body;
        return {
            dark: root.classList.contains("pf-v6-theme-dark"),
            background: getComputedStyle(document.body).backgroundColor,
            text: getComputedStyle(app).color,
            chartLabel: getComputedStyle(root).getPropertyValue("--pf-v6-chart-axis--tick-label--Fill").trim(),
            // Set once by the test: still there means the frame was not reloaded.
            marker: (window as unknown as { kvmmThemeMarker?: unknown }).kvmmThemeMarker,
        };
    });
}

/** Chooses the style as a user does: the shell's Session menu, its Style toggle. */
async function chooseStyle(page: Page, style: Style): Promise<void> {
    await page.click("#toggle-menu");
    const button = await page.waitForSelector(`button#${style}`, { visible: true, timeout: 10_000 });
    if (!button) throw new Error(`no style button ${style}`);
    await button.click();
    // The menu closes on a selection; if not, close it so that it does not cover the page.
    if (await page.$(`button#${style}`)) await page.keyboard.press("Escape");
}

async function waitForTheme(frame: Frame, dark: boolean): Promise<Colours> {
    return waitFor(`the ${dark ? "dark" : "light"} theme in the frame`, async () => {
        const now = await colours(frame);
        return now.dark === dark ? now : undefined;
    }, 10_000);
}

async function showPage(frame: Frame, hash: string, ready: string): Promise<void> {
    await frame.evaluate(h => { window.location.hash = h }, hash);
    await frame.waitForSelector(ready, { visible: true, timeout: 30_000 });
}

/** Screenshots of the three main pages in the current theme. */
async function screenshots(page: Page, frame: Frame, theme: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await showPage(frame, "#/", ".vm-list-page");
    await waitForRow(frame, NAME);
    await page.screenshot({ path: path.join(SHOTS, `vm-list-${theme}.png`) });
    await showPage(frame, `#/vm/system/${NAME}`, "#vm-details");
    await page.screenshot({ path: path.join(SHOTS, `vm-page-${theme}.png`) });
    await showPage(frame, "#/overview", "#overview-page[data-ready=true]");
    await page.screenshot({ path: path.join(SHOTS, `overview-${theme}.png`) });
}

QUnit.module("Page theme", hooks => {
    const ui = browserForModule(hooks, "page-theme", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml({ name: NAME, memoryMiB: 64 }));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("Cockpit's Dark and Light styles switch the page without reload, and back", async assert => {
        const { page, frame } = ui();
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
        await frame.evaluate(() => { (window as unknown as { kvmmThemeMarker: number }).kvmmThemeMarker = 42 });
        const light = await waitForTheme(frame, false);
        await screenshots(page, frame, "light");

        await chooseStyle(page, "dark");
        const dark = await waitForTheme(frame, true);
        assert.notStrictEqual(dark.background, light.background, `the background changed: ${light.background} → ${dark.background}`);
        assert.notStrictEqual(dark.text, light.text, `the text colour changed: ${light.text} → ${dark.text}`);
        assert.notStrictEqual(dark.chartLabel, light.chartLabel, "the charts' labels follow the theme");
        assert.strictEqual(dark.marker, 42, "the frame was not reloaded");
        await screenshots(page, frame, "dark");

        await chooseStyle(page, "light");
        const back = await waitForTheme(frame, false);
        assert.deepEqual(back, light, "Light brings the light colours back, still without reload");
    });

    QUnit.test("Default follows the operating system's preference as it changes", async assert => {
        const { page, frame } = ui();
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
        await chooseStyle(page, "auto");
        assert.false((await waitForTheme(frame, false)).dark, "light while the OS prefers light");
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
        assert.true((await waitForTheme(frame, true)).dark, "dark once the OS prefers dark");
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
        assert.false((await waitForTheme(frame, false)).dark, "and light again");
        assert.strictEqual((await colours(frame)).marker, 42, "all without reload");
    });
});
