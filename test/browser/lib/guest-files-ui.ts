// Driving the Guest tab's file browser: open a folder, wait for its listing, act on a row.
import type { ElementHandle, Frame } from "puppeteer-core";

import { clearAndType } from "./agent-guest.ts";
import { waitFor } from "./cockpit-session.ts";

export async function waitForFolder(frame: Frame, dir: string): Promise<void> {
    await waitFor(`${dir} to be listed`, () => frame.$eval("#guest-files", e => [e.getAttribute("data-path"), e.getAttribute("data-loading")])
        .then(([shown, loading]) => shown === dir && loading === "false"), 60_000);
}

/** Opens `dir` through the path field and waits for the listing (or its error). */
export async function openFolder(frame: Frame, dir: string): Promise<void> {
    await clearAndType(frame, "#guest-files-path", dir);
    await frame.click("#guest-files-go");
    await waitForFolder(frame, dir);
}

/** The names listed now. */
export async function listedNames(frame: Frame): Promise<string[]> {
    return frame.$$eval("#guest-files-table tr.guest-file", rows => rows.map(r => r.getAttribute("data-name") ?? ""));
}

/** Clicks `selector` in the row of `name` once it is listed (found by attribute value: names may hold any character). */
export async function clickInRow(frame: Frame, name: string, selector: string): Promise<void> {
    const button = await waitFor(`${selector} of ${name}`, async () => (await frame.evaluateHandle((n, sel) => [...document.querySelectorAll("#guest-files-table tr.guest-file")]
        .find(r => r.getAttribute("data-name") === n)?.querySelector(sel) ?? null, name, selector)).asElement(), 60_000);
    await (button as ElementHandle).click();
}
