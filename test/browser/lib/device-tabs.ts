// Page object for the Disks and Network interfaces tabs of the VM page: open a tab, read its
// rows, click row buttons, fill and submit dialogs.
import type { ElementHandle, Frame } from "puppeteer-core";

import { waitFor } from "./cockpit-session.ts";
import { virsh } from "./virsh.ts";

export async function openVmTab(frame: Frame, name: string, tab: "disks" | "nics" | "hostdevs" | "snapshots" | "schedules" | "backups"): Promise<void> {
    await frame.evaluate((n, t) => {
        window.location.hash = `#/vm/system/${encodeURIComponent(n)}?tab=${t}`;
    }, name, tab);
    await waitFor(`the ${tab} tab of ${name}`, () => frame.evaluate((n, t) => {
        const page = document.querySelector("#vm-details");
        return page?.getAttribute("data-vm-name") === n && document.querySelector(`#vm-${t}, #vm-${t}-empty`) !== null;
    }, name, tab));
}

export interface DeviceRow {
    key: string;
    text: string;
    data: Record<string, string>;
}

/** Rows of the disks table (keyed by target) or the NIC table (keyed by MAC). */
export async function deviceRows(frame: Frame, tab: "disks" | "nics"): Promise<DeviceRow[]> {
    const selector = tab === "disks" ? "tr.vm-disk-row" : "tr.vm-nic-row";
    return frame.$$eval(selector, trs => trs.map(tr => {
        const el = tr as HTMLElement;
        const data: Record<string, string> = {};
        for (const [k, v] of Object.entries(el.dataset)) data[k] = v ?? "";
        return { key: data.diskTarget ?? data.mac ?? "", text: el.innerText, data };
    }));
}

export async function waitForDeviceRow(frame: Frame, tab: "disks" | "nics", what: string,
                                       check: (rows: DeviceRow[]) => DeviceRow | boolean | undefined, timeout = 30_000): Promise<void> {
    await waitFor(what, async () => check(await deviceRows(frame, tab)), timeout);
}

async function rowHandle(frame: Frame, tab: "disks" | "nics", key: string): Promise<ElementHandle> {
    const selector = tab === "disks" ? "tr.vm-disk-row" : "tr.vm-nic-row";
    for (const handle of await frame.$$(selector)) {
        const match = await handle.evaluate((tr, k) => {
            const d = (tr as HTMLElement).dataset;
            return d.diskTarget === k || d.mac === k;
        }, key);
        if (match) return handle;
    }
    throw new Error(`no row ${key} in ${tab}`);
}

export async function clickRowButton(frame: Frame, tab: "disks" | "nics", key: string, className: string): Promise<void> {
    const row = await rowHandle(frame, tab, key);
    const button = await row.$(`button.${className}:not([disabled])`);
    if (!button) throw new Error(`no enabled ${className} button in row ${key}`);
    await button.click();
}

export async function setValue(frame: Frame, selector: string, value: string): Promise<void> {
    const input = await frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    if (!input) throw new Error(`no ${selector}`);
    await input.click({ clickCount: 3 });
    await input.press("Backspace");
    if (value) await input.type(value);
}

export async function choose(frame: Frame, selector: string, value: string): Promise<void> {
    await frame.waitForSelector(`${selector} option[value="${value}"]`, { timeout: 15_000 });
    await frame.select(selector, value);
}

/** Chooses the option whose text is `label`, once it is there. */
export async function chooseByLabel(frame: Frame, selector: string, label: string): Promise<void> {
    const value = await waitFor(`option ${label} in ${selector}`, () => frame.$$eval(`${selector} option`, (opts, l) =>
        (opts).find(o => o.textContent === l)?.value ?? "", label));
    await frame.select(selector, value);
}

export async function click(frame: Frame, selector: string): Promise<void> {
    const el = await frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    if (!el) throw new Error(`no ${selector}`);
    await el.click();
}

/** Submits a dialog and waits for it to close. */
export async function submitDialog(frame: Frame, id: string, timeout = 60_000): Promise<void> {
    await click(frame, `#${id}-submit:not([disabled])`);
    await frame.waitForSelector(`#${id}`, { hidden: true, timeout });
}

/** Submits a dialog that must refuse: returns the error shown, the dialog stays open. */
export async function submitExpectingError(frame: Frame, id: string): Promise<string> {
    await click(frame, `#${id}-submit:not([disabled])`);
    const alert = await frame.waitForSelector(`#${id} .dialog-error`, { visible: true, timeout: 30_000 });
    const text = await alert?.evaluate(el => (el as HTMLElement).innerText) ?? "";
    return text;
}

export async function cancelDialog(frame: Frame, id: string): Promise<void> {
    const buttons = await frame.$$(`#${id} button.pf-m-link`);
    for (const b of buttons) {
        if ((await b.evaluate(el => el.textContent)) === "Cancel") {
            await b.click();
            break;
        }
    }
    await frame.waitForSelector(`#${id}`, { hidden: true, timeout: 10_000 });
}

export async function dumpxml(name: string, inactive = false): Promise<string> {
    return inactive ? virsh("dumpxml", "--inactive", "--", name) : virsh("dumpxml", "--", name);
}

/** The <disk> or <interface> elements of a dumpxml, as text, for simple checks. */
export function elements(xml: string, tag: "disk" | "interface"): string[] {
    return xml.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, "g")) ?? [];
}

export function diskWithTarget(xml: string, target: string): string | undefined {
    return elements(xml, "disk").find(d => d.includes(`dev='${target}'`));
}

/** Opens the Add interface dialog for a VM on `network` and submits it with each VLAN tag in turn; the errors shown, then cancels. */
export async function addNicRefusals(frame: Frame, vm: string, network: string, vlanTags: readonly string[]): Promise<string[]> {
    await openVmTab(frame, vm, "nics");
    await click(frame, "#vm-nics-add");
    await choose(frame, "#add-nic-network", network);
    const errors: string[] = [];
    for (const tag of vlanTags) {
        await setValue(frame, "#add-nic-vlan", tag);
        errors.push(await submitExpectingError(frame, "add-nic-dialog"));
    }
    await cancelDialog(frame, "add-nic-dialog");
    return errors;
}
