// Page objects for the storage pool and network pages, and virsh helpers for pools and
// networks a suite makes (every name carries the suite's mark).
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

import type { Frame, Page } from "puppeteer-core";

import { waitFor } from "./cockpit-session.ts";
import { virsh } from "./virsh.ts";

export interface ResourceRow {
    name: string;
    active: boolean;
    autostart: boolean;
    text: string;
    cells: Record<string, string>;
}

type Kind = "pool" | "network";

export async function resourceRows(frame: Frame, kind: Kind): Promise<ResourceRow[]> {
    return frame.$$eval(`tr.${kind}-row`, (trs, k) => trs.map(tr => {
        const data = (tr as HTMLElement).dataset;
        const cells: Record<string, string> = {};
        for (const td of Array.from(tr.querySelectorAll("td[data-label]"))) cells[td.getAttribute("data-label") ?? ""] = (td as HTMLElement).innerText.trim();
        return {
            name: (k === "pool" ? data.poolName : data.networkName) ?? "",
            active: (k === "pool" ? data.poolActive : data.networkActive) === "true",
            autostart: (k === "pool" ? data.poolAutostart : data.networkAutostart) === "true",
            text: (tr as HTMLElement).innerText,
            cells,
        };
    }), kind);
}

export async function waitForResource(frame: Frame, kind: Kind, name: string, active?: boolean, timeout = 20_000): Promise<ResourceRow> {
    return waitFor(`${kind} ${name}${active === undefined ? "" : active ? " active" : " inactive"}`, async () => {
        const row = (await resourceRows(frame, kind)).find(r => r.name === name);
        return row && (active === undefined || row.active === active) ? row : undefined;
    }, timeout);
}

export async function waitForNoResource(frame: Frame, kind: Kind, name: string): Promise<void> {
    await waitFor(`${kind} ${name} to disappear`, async () => !(await resourceRows(frame, kind)).some(r => r.name === name));
}

/** Clicks a button (by class) in the row of the named pool or network. */
export async function clickInRow(frame: Frame, kind: Kind, name: string, buttonClass: string): Promise<void> {
    for (const tr of await frame.$$(`tr.${kind}-row`)) {
        const rowName = await tr.evaluate((el, k) => (k === "pool" ? (el as HTMLElement).dataset.poolName : (el as HTMLElement).dataset.networkName), kind);
        if (rowName !== name) continue;
        const button = await tr.waitForSelector(`.${buttonClass}`, { visible: true, timeout: 5000 });
        await button?.click();
        return;
    }
    throw new Error(`no ${kind} row for ${name}`);
}

/** Goes to a section with the top navigation and waits for its page. */
export async function navigate(frame: Frame, area: "vms" | "storage" | "networks"): Promise<void> {
    // The first test of a file may get here before the page has drawn its navigation.
    await frame.waitForSelector(`[data-nav="${area}"]`, { visible: true, timeout: 20_000 });
    await frame.click(`[data-nav="${area}"]`);
    const page = area === "vms" ? "#vm-list" : area === "storage" ? "#storage-pools" : "#networks";
    await frame.waitForSelector(`${page}[data-loaded="true"], ${page}:not([data-loaded])`, { visible: true, timeout: 20_000 });
}

export async function currentSection(frame: Frame): Promise<string> {
    return frame.evaluate(() => {
        if (document.querySelector("#storage-pools")) return "storage";
        if (document.querySelector("#networks")) return "networks";
        if (document.querySelector("#vm-list")) return "vms";
        return "none";
    });
}

export async function waitForSection(frame: Frame, section: string): Promise<void> {
    await waitFor(`the ${section} page`, async () => (await currentSection(frame)) === section);
}

export function shellHash(page: Page): string {
    return new URL(page.url()).hash;
}

/** The text of the danger toast about `object`, once it shows. */
export async function waitForFailureToast(frame: Frame, object: string): Promise<string> {
    return waitFor(`a failure alert about ${object}`, () => frame.$$eval(".pf-v6-c-alert.pf-m-danger", (alerts, o) =>
        alerts.map(a => (a as HTMLElement).innerText).find(t => t.includes(o)) ?? "", object));
}

/** Closes every toast, so none covers the buttons a test clicks next. */
export async function dismissToasts(frame: Frame): Promise<void> {
    await frame.$$eval(".pf-v6-c-alert-group.pf-m-toast .pf-v6-c-alert__action button", buttons => {
        for (const b of buttons) (b).click();
    });
    await frame.waitForSelector(".pf-v6-c-alert-group.pf-m-toast .pf-v6-c-alert", { hidden: true, timeout: 5000 });
}

export async function fillField(frame: Frame, selector: string, value: string): Promise<void> {
    const input = await frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    if (!input) throw new Error(`no ${selector}`);
    await input.click({ count: 3 });
    await input.evaluate(el => (el as HTMLInputElement).select());
    await input.press("Backspace");
    if (value) await input.type(value);
}

export async function inputValue(frame: Frame, selector: string): Promise<string> {
    return frame.$eval(selector, el => (el as HTMLInputElement).value);
}

export async function dialogError(frame: Frame, id: string): Promise<string> {
    return waitFor(`an error in ${id}`, () => frame.$eval(`#${id} .dialog-error, #${id} .pf-m-error`, el => (el as HTMLElement).innerText).catch(() => ""));
}

export async function closeDialog(frame: Frame, id: string): Promise<void> {
    await frame.evaluate(dialogId => {
        const buttons = Array.from(document.querySelectorAll(`#${dialogId} .pf-v6-c-modal-box__footer button`));
        (buttons.find(b => b.textContent === "Cancel") as HTMLButtonElement | undefined)?.click();
    }, id);
    await frame.waitForSelector(`#${id}`, { hidden: true, timeout: 10_000 });
}

/** The text of an element once it shows (e.g. a list of VMs in a dialog). */
export async function textOf(frame: Frame, selector: string): Promise<string> {
    return waitFor(selector, () => frame.$eval(selector, el => (el as HTMLElement).innerText).catch(() => ""));
}

export async function submitDisabled(frame: Frame, id: string): Promise<boolean> {
    return frame.$eval(`#${id}-submit`, el => (el as HTMLButtonElement).disabled);
}

export async function submitDialog(frame: Frame, id: string): Promise<void> {
    const submit = await frame.waitForSelector(`#${id}-submit:not([disabled])`, { visible: true, timeout: 10_000 });
    await submit?.click();
}

// ---- virsh side ----

export async function poolNames(): Promise<string[]> {
    return (await virsh("pool-list", "--all", "--name")).split("\n").map(n => n.trim()).filter(Boolean);
}

export async function networkNames(): Promise<string[]> {
    return (await virsh("net-list", "--all", "--name")).split("\n").map(n => n.trim()).filter(Boolean);
}

/** "key: value" lines of pool-info / net-info as a map. */
export async function info(command: "pool-info" | "net-info", name: string): Promise<Record<string, string>> {
    const out = await virsh(command, "--", name);
    return Object.fromEntries(out.split("\n").map(line => {
        const i = line.indexOf(":");
        return [line.slice(0, i).trim(), line.slice(i + 1).trim()];
    }));
}

/** Removes every pool and network named with `mark`, and its directory root. */
export async function cleanupHostResources(mark: string, dirRoot: string): Promise<void> {
    for (const name of (await poolNames()).filter(n => n.includes(mark))) {
        await virsh("pool-destroy", "--", name).catch(() => undefined);
        await virsh("pool-undefine", "--", name).catch(() => undefined);
    }
    for (const name of (await networkNames()).filter(n => n.includes(mark))) {
        await virsh("net-destroy", "--", name).catch(() => undefined);
        await virsh("net-undefine", "--", name).catch(() => undefined);
    }
    if (existsSync(dirRoot)) rmSync(dirRoot, { recursive: true, force: true });
}

export async function defineNetworkXml(xml: string): Promise<void> {
    const dir = "/tmp/kvmm-test-xml";
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/net-${String(process.pid)}-${String(Date.now())}.xml`;
    writeFileSync(file, xml);
    try {
        await virsh("net-define", file);
    } finally {
        rmSync(file, { force: true });
    }
}
