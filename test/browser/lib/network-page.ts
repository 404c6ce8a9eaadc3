// A network's page (#/networks/<name>) in browser tests, and both of libvirt's definitions of a network.
import type { Frame } from "puppeteer-core";

import { virsh } from "./virsh.ts";

export async function openNetwork(frame: Frame, name: string): Promise<void> {
    await frame.evaluate(n => { window.location.hash = `#/networks/${encodeURIComponent(n)}` }, name);
    await frame.waitForSelector(`#network-page[data-network="${name}"]`, { visible: true, timeout: 20_000 });
}

export async function rowsOf(frame: Frame, rowClass: string, key: string): Promise<string[]> {
    return frame.$$eval(`tr.${rowClass}`, (trs, k) => trs.map(tr => (tr as HTMLElement).dataset[k] ?? ""), key);
}

export async function clickRowButton(frame: Frame, rowClass: string, attribute: string, value: string, button: string): Promise<void> {
    const el = await frame.waitForSelector(`tr.${rowClass}[${attribute}="${value}"] .${button}`, { visible: true, timeout: 10_000 });
    await el?.click();
}

export async function bothXml(name: string): Promise<[string, string]> {
    return [await virsh("net-dumpxml", name), await virsh("net-dumpxml", "--inactive", name)];
}
