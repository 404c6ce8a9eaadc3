// The Console tab as the browser tests see it: opening it, console states, the serial
// terminal's text and the VNC canvas.
import type { Frame } from "puppeteer-core";

import { waitFor } from "./cockpit-session.ts";

export async function openConsoles(frame: Frame, name: string): Promise<void> {
    await frame.evaluate(hash => { window.location.hash = hash }, `#/vm/system/${name}?tab=consoles`);
    await waitFor(`the consoles of ${name}`, () => frame.$eval("#vm-details", (e, n) =>
        (e as HTMLElement).dataset.vmName === n && document.querySelector("#vm-consoles") !== null, name));
}

export async function stateOf(frame: Frame, id: string): Promise<string> {
    return frame.$eval(`#${id}`, e => (e as HTMLElement).dataset.state ?? "").catch(() => "");
}

export async function waitForState(frame: Frame, id: string, state: string, timeout = 30_000): Promise<void> {
    await waitFor(`#${id} to be ${state}`, async () => (await stateOf(frame, id)) === state, timeout);
}

export async function terminalText(frame: Frame): Promise<string> {
    return frame.$eval("#serial-terminal .xterm-rows", e => e.textContent);
}

/** How many distinct colours the VNC canvas shows (capped: a few prove it is not blank). */
export async function canvasColours(frame: Frame): Promise<number> {
    return frame.$eval("#vnc-screen canvas", c => {
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set<number>();
        for (let i = 0; data && i < data.length && seen.size < 16; i += 4) seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
        return seen.size;
    });
}

export async function click(frame: Frame, selector: string): Promise<void> {
    const element = await frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    if (!element) throw new Error(`no ${selector}`);
    await element.click();
}
