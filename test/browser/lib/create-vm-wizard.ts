// Driving the Create VM wizard as a user does: open it from the VM list, fill its steps, and
// stop on the review step (or create).
import type { Frame } from "puppeteer-core";

import { waitFor } from "./cockpit-session.ts";

export interface WizardValues {
    name: string;
    /** The short id of the OS to pick (osinfo-db's, or ours for the generic entries). */
    os?: string;
    source: "iso" | "import" | "pxe";
    path?: string;
    /** Typed into the size field; with `pool`, the pool chosen for the new disk. */
    diskGiB?: string;
    pool?: string;
    memory?: string;
    /** The network select's value ("" = none). */
    network?: string;
    firmware?: "bios" | "efi";
    /** Called on the installation step, after the source is chosen (e.g. to use Browse). */
    onSourceStep?: (frame: Frame) => Promise<void>;
    /** Called on the resources step, after the values above are set. */
    onResourcesStep?: (frame: Frame) => Promise<void>;
    /** Stay on the resources step (to see what it says of the values). */
    stayOnResources?: boolean;
}

export async function closeWizard(frame: Frame): Promise<void> {
    await frame.click(".pf-v6-c-wizard__footer .pf-m-link");
    await frame.waitForSelector("#create-vm-dialog", { hidden: true });
}

const NEXT = ".pf-v6-c-wizard__footer button.pf-m-primary";

export async function next(frame: Frame): Promise<void> {
    await frame.click(NEXT);
}

/** Whether the step lets the user go on (Next, or Create on the review). */
export async function nextEnabled(frame: Frame): Promise<boolean> {
    return frame.$eval(NEXT, el => !(el).disabled);
}

/** The helper text with this id under a field ("" when there is none). */
export async function fieldMessage(frame: Frame, id: string): Promise<string> {
    return frame.$eval(`#${id}`, el => (el as HTMLElement).innerText).catch(() => "");
}

export async function retype(frame: Frame, selector: string, value: string): Promise<void> {
    const input = await frame.$(selector);
    if (!input) throw new Error(`no ${selector}`);
    await input.click({ count: 3 });
    await input.type(value);
}

/** Opens the wizard from the VM list, on its first step. */
export async function openWizard(frame: Frame): Promise<void> {
    if (await frame.$("#create-vm-dialog")) await closeWizard(frame); // left open by a failed test
    await frame.evaluate(() => {
        window.location.hash = "#/";
        // Toasts of earlier creations sit over the page header's button.
        document.querySelectorAll<HTMLButtonElement>(".pf-v6-c-alert-group .pf-v6-c-alert__action button").forEach(b => b.click());
    });
    await (await frame.waitForSelector("#create-vm-button", { visible: true, timeout: 30_000 }))?.click();
    await frame.waitForSelector("#create-vm-name", { visible: true });
}

/** Opens the wizard and fills it up to the review step; software emulation (TCG) always. */
export async function fillWizard(frame: Frame, values: WizardValues): Promise<void> {
    await openWizard(frame);
    await frame.type("#create-vm-name", values.name);
    if (values.os) {
        await frame.type("#create-vm-os-search input", values.os);
        const item = await frame.waitForSelector(`#create-vm-os [data-os="${values.os}"] button, #create-vm-os [data-os="${values.os}"]`,
                                                 { visible: true, timeout: 30_000 });
        await item?.click();
    }
    await next(frame);
    await frame.click(`#create-vm-source-${values.source}`);
    if (values.path) await frame.type("#create-vm-source-path", values.path);
    if (values.onSourceStep) await values.onSourceStep(frame);
    await next(frame);
    await frame.waitForSelector("#create-vm-memory", { visible: true });
    if (values.memory) await retype(frame, "#create-vm-memory input", values.memory);
    if (values.diskGiB !== undefined && values.source !== "import") await retype(frame, "#create-vm-disk input", values.diskGiB);
    if (values.pool) await frame.select("#create-vm-pool", values.pool);
    await frame.select("#create-vm-network", values.network ?? "");
    if (values.firmware) await frame.select("#create-vm-firmware", values.firmware);
    await frame.select("#create-vm-virt-type", "qemu");
    if (values.onResourcesStep) await values.onResourcesStep(frame);
    if (values.stayOnResources) return;
    await next(frame);
    await frame.waitForSelector("#create-vm-review", { visible: true });
}

/** Clicks Create on the review step, with "Run after creation" set as asked. */
export async function submitWizard(frame: Frame, runAfter: boolean): Promise<void> {
    const box = await frame.$("#create-vm-run-after");
    if (await box?.evaluate(el => (el as HTMLInputElement).checked) !== runAfter) await box?.click();
    // Create waits for the host's capabilities, read when the wizard opened.
    await (await frame.waitForSelector(`${NEXT}:not([disabled])`, { timeout: 30_000 }))?.click();
}

export async function wizardError(frame: Frame): Promise<string> {
    return frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => "");
}

/** The review's domain XML once it names the new files: the review reads the pool's files again
 *  first, and shows "…" for the names meanwhile. */
export async function reviewXml(frame: Frame): Promise<string> {
    const read = () => frame.$eval("#create-vm-xml pre", el => el.textContent);
    return await waitFor("the file names on the review", async () => {
        const text = await read();
        return text.includes("…") ? "" : text;
    }, 10_000).catch(read);
}
