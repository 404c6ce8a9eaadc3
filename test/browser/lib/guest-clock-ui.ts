// The Guest tab's clock row, driven as a user does, for either agent.
import type { Frame } from "puppeteer-core";

import { textOf } from "./agent-guest.ts";
import { waitFor } from "./cockpit-session.ts";

/**
 * With the guest's clock just put five minutes back: "Compare again" shows it 5 min behind,
 * "Set from the host's clock" says what it corrected, the row turns "In step", and the guest's
 * own clock (guestEpochSeconds) then reads the host's time.
 */
export async function expectClockSetFromHost(frame: Frame, assert: Assert, guestEpochSeconds: () => Promise<number>): Promise<void> {
    // The tab compared the clocks when it opened (a TCG guest may already be a second off):
    // wait for the comparison made after the change.
    const offsetMs = async (): Promise<number> => Number(await frame.$eval("#guest-clock-offset", e => e.getAttribute("data-offset-ms")));
    await frame.waitForSelector("#guest-clock-check:not([disabled])");
    await frame.click("#guest-clock-check");
    const offset = await waitFor("the new offset", async () => {
        const ms = await offsetMs();
        return ms < -100_000 ? ms : undefined;
    }, 30_000);
    assert.true(Math.abs(offset + 300_000) < 3000, `measured ${String(offset)} ms`);
    assert.strictEqual(await textOf(frame, "#guest-clock-offset"), "5 min behind the host's clock");

    await frame.click("#guest-clock-set");
    await frame.waitForSelector("#guest-clock-corrected", { timeout: 30_000 });
    assert.strictEqual(await textOf(frame, "#guest-clock-corrected"), "The guest's clock was set from the host's; it had been 5 min behind.");
    await waitFor("in step", async () => (await textOf(frame, "#guest-clock-offset")) === "In step with the host's clock", 30_000);
    const guestNow = await guestEpochSeconds();
    assert.true(Math.abs(guestNow - Date.now() / 1000) < 3, `the guest's clock reads ${String(guestNow)}`);
}
