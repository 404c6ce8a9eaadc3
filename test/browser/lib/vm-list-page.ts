// Page object for the VM list: find rows by VM name (compared as data, never as a selector
// string, so odd names need no escaping) and drive their actions.
import type { ElementHandle, Frame } from "puppeteer-core";

import { waitFor } from "./cockpit-session.ts";
import { dismissToasts } from "./host-pages.ts";

export interface RowInfo {
    name: string;
    state: string;
    text: string;
    pending: string | null;
}

export async function rows(frame: Frame): Promise<RowInfo[]> {
    return frame.$$eval("tr.vm-row", trs => trs.map(tr => ({
        name: (tr as HTMLElement).dataset.vmName ?? "",
        state: (tr as HTMLElement).dataset.vmState ?? "",
        text: (tr as HTMLElement).innerText,
        pending: tr.querySelector("[data-pending]")?.getAttribute("data-pending") ?? null,
    })));
}

export async function row(frame: Frame, name: string): Promise<RowInfo | undefined> {
    return (await rows(frame)).find(r => r.name === name);
}

export async function waitForRow(frame: Frame, name: string, state?: string, timeout = 20_000): Promise<RowInfo> {
    return waitFor(`row ${name}${state ? ` in state ${state}` : ""}`, async () => {
        const r = await row(frame, name);
        return r && (!state || r.state === state) && !r.pending ? r : undefined;
    }, timeout);
}

export async function waitForNoRow(frame: Frame, name: string, timeout = 20_000): Promise<void> {
    await waitFor(`row ${name} to disappear`, async () => !(await row(frame, name)), timeout);
}

async function rowHandle(frame: Frame, name: string): Promise<ElementHandle> {
    for (const handle of await frame.$$("tr.vm-row")) {
        if (await handle.evaluate((tr, n) => (tr as HTMLElement).dataset.vmName === n, name)) return handle;
    }
    throw new Error(`no row for ${name}`);
}

/** Clicks an action among the buttons in `container`: the button when it is a primary one, else the item in its menu. */
async function clickActionIn(frame: Frame, container: ElementHandle, what: string, action: string): Promise<void> {
    const button = await container.$(`button.vm-action-${action}`);
    if (button) {
        await button.click();
        return;
    }
    const toggle = await container.$(".vm-actions-toggle");
    if (!toggle) throw new Error(`no action menu for ${what}`);
    await toggle.click();
    const item = await frame.waitForSelector(`.vm-action-${action} button, li.vm-action-${action} button, .vm-action-${action}`, { visible: true, timeout: 5000 });
    if (!item) throw new Error(`no ${action} item`);
    await item.click();
}

/** Clicks an action of the VM's row in the list. */
export async function clickAction(frame: Frame, name: string, action: string): Promise<void> {
    await clickActionIn(frame, await rowHandle(frame, name), name, action);
}

/** Clicks an action in the header of the VM page shown. */
export async function clickPageAction(frame: Frame, action: string): Promise<void> {
    const header = await frame.waitForSelector(".vm-details-actions", { visible: true, timeout: 10_000 });
    if (!header) throw new Error("no VM page");
    // Toasts sit over the page's action menu (a previous test's "… was deleted" caught the click).
    await dismissToasts(frame);
    await clickActionIn(frame, header, "the VM page", action);
}

export async function confirmDialog(frame: Frame, id = "confirm-vm-action"): Promise<void> {
    const submit = await frame.waitForSelector(`#${id}-submit:not([disabled])`, { visible: true, timeout: 10_000 });
    await submit?.click();
    await frame.waitForSelector(`#${id}`, { hidden: true, timeout: 60_000 });
}

export async function countText(frame: Frame): Promise<string> {
    return frame.$eval("#vm-list-count", el => (el as HTMLElement).innerText).catch(() => "");
}

/** The text of one cell (by its class, e.g. "vm-memory") of a VM's row; "" while there is no such row. */
export async function rowCell(frame: Frame, name: string, cell: string): Promise<string> {
    return frame.$$eval("tr.vm-row", (trs, n, c) => {
        const tr = trs.find(r => (r as HTMLElement).dataset.vmName === n);
        return (tr?.querySelector(`.${c}`) as HTMLElement | null)?.innerText ?? "";
    }, name, cell);
}
