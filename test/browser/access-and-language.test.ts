// What a user without libvirt access is told, what follows the switch of administrative access,
// and the page in another language.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

import * as gettextParser from "gettext-parser";
import type { Frame } from "puppeteer-core";
import QUnit from "qunit";

import { enableAdminAccess } from "./lib/agent-guest.ts";
import { checkA11y } from "./lib/axe.ts";
import { COCKPIT_URL, launch, login, pluginFrame, saveArtifacts, type Session, TEST_PASSWORD, waitFor } from "./lib/cockpit-session.ts";
import { closeWizard, fillWizard, openWizard } from "./lib/create-vm-wizard.ts";
import { cleanupTestDomains, createImage, defineXml, domainXml, suiteMark } from "./lib/virsh.ts";

const NOPRIV_USER = process.env.KVMM_TEST_NOPRIV_USER ?? "kvmtest-nopriv";

/** Words that are the same in German: names of technologies, formats and units. */
const TECHNICAL_WORDS = new Set([
    "BIOS", "CPU", "CPUs", "DHCP", "DNS", "GiB", "IP", "IPv4", "IPv6", "KiB", "KVM", "MAC", "Manager", "MiB", "NAT", "OVA", "OVF",
    "PXE", "QEMU", "TCG", "TPM", "UEFI", "URI", "VM", "VMs", "VNC", "XML", "cloud-init", "kvmm-agent", "libvirt", "qcow2",
    "qemu-guest-agent", "raw", "vCPU", "vCPUs", "virtio",
    // libvirt's name of a CPU mode, shown as libvirt gives it
    "custom",
]);

/** Words of PatternFly's built-in English labels, which only show where we forgot to pass our own. */
const PATTERNFLY_DEFAULTS = ["Next", "Back", "Cancel", "Close", "Items", "per", "page", "Select", "Clear", "Loading", "Actions"];

const words = (text: string): string[] => text.match(/[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]/g) ?? [];

/**
 * English words: those of the template's messages that no German translation uses ("Name" and
 * "Host" are German too). A string left untranslated, or one that never went through _(), shows them.
 */
function englishWords(): Set<string> {
    const entries = (file: string) => Object.values(gettextParser.po.parse(readFileSync(file)).translations[""] ?? {}).filter(e => e.msgid);
    const german = new Set(entries("po/de.po").flatMap(e => e.msgstr.flatMap(words)));
    return new Set([...entries("po/kvm-manager.pot").flatMap(e => words(`${e.msgid} ${e.msgid_plural ?? ""}`)), ...PATTERNFLY_DEFAULTS]
            .filter(w => !german.has(w) && !TECHNICAL_WORDS.has(w)));
}

/** The English words in what the frame shows now, once nothing is loading any more, each in its context. */
async function visibleEnglish(frame: Frame, english: Set<string>, ignore: string): Promise<string[]> {
    await waitFor("the page to finish loading", () => frame.evaluate(() => document.querySelector(".pf-v6-c-spinner, .pf-v6-c-skeleton") === null));
    // The operating systems' names come from osinfo-db, which has them in English only.
    const shown = await frame.evaluate(() => {
        let all = document.body.innerText;
        for (const el of document.querySelectorAll<HTMLElement>("#create-vm-os")) all = all.replace(el.innerText, "");
        return all;
    });
    // Names the test gave (VMs, files) and paths are data, not text of the page.
    const text = shown.split(/\s+/).filter(token => !token.includes(ignore) && !/[/.]\w/.test(token)).join(" ");
    return [...new Set(words(text).filter(w => english.has(w)))].map(w => {
        const at = text.search(new RegExp(`\\b${w}\\b`));
        return `${w} (…${text.slice(Math.max(0, at - 30), at + w.length + 30).replace(/\s+/g, " ")}…)`;
    });
}

QUnit.module("Access and language", () => {
    QUnit.test("a user without libvirt access is told why and what to do", async assert => {
        const { browser, page, console } = await launch();
        let session: Session | undefined;
        try {
            await login(page, "/kvm-manager", NOPRIV_USER, TEST_PASSWORD);
            const frame = await pluginFrame(page);
            session = { browser, page, frame, console };
            const text = await waitFor("the permission message", () =>
                frame.$eval("#vm-list-unreachable, .connection-problem", el => (el as HTMLElement).innerText).catch(() => ""), 30_000);
            assert.true(text.includes("Permission denied: turn on administrative access"), text);
            assert.true(text.includes("libvirt group"), "says how to get access");
            await checkA11y(frame, "the VM list without libvirt access");
        } catch (error) {
            await saveArtifacts(session, "access-nopriv");
            throw error;
        } finally {
            await browser.close();
        }
    });

    QUnit.test("the ISO browser's permission message goes once administrative access is turned on", async assert => {
        const mark = suiteMark("access");
        // Root's home: a folder the user cannot list with limited access.
        const folder = `/root/${mark}`;
        const iso = `${folder}/media.iso`;
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(folder, { mode: 0o700 });
        writeFileSync(iso, "");
        const { browser, page, console } = await launch();
        let session: Session | undefined;
        try {
            await login(page); // a new login has limited access
            const frame = await pluginFrame(page);
            session = { browser, page, frame, console };
            const folderText = (): Promise<string> => frame.$eval("#create-vm-iso-folder", el => (el as HTMLElement).innerText).catch(() => "");
            await fillWizard(frame, {
                name: `${mark}-vm`, source: "iso", diskGiB: "1",
                onSourceStep: async f => {
                    await f.type("#create-vm-source-path", iso);
                    await f.click("#create-vm-iso-browse");
                    const denied = await waitFor("the permission message", async () => {
                        const text = await folderText();
                        return text.includes("cannot be listed") && text;
                    }, 30_000);
                    assert.true(denied.includes("Permission denied: turn on administrative access"), denied);
                    await enableAdminAccess(page);
                    await f.waitForSelector(`#create-vm-iso-browser [data-path="${iso}"]`, { visible: true, timeout: 30_000 });
                    assert.false((await folderText()).includes("Permission denied"), "the message went with the switch");
                },
            });
            await closeWizard(frame);
        } catch (error) {
            await saveArtifacts(session, "access-iso-browser");
            throw error;
        } finally {
            await browser.close();
            rmSync(folder, { recursive: true, force: true });
        }
    });

    QUnit.test("with German chosen, the VM list, every tab of a VM's page and the Create VM wizard speak German", async assert => {
        const mark = suiteMark("lang");
        const image = await createImage(mark, "disk");
        await defineXml(domainXml({ name: `${mark}-vm`, disks: [image], userNic: true, vnc: true }));
        const { browser, page, console } = await launch();
        let session: Session | undefined;
        try {
            await browser.setCookie({ name: "CockpitLang", value: "de", domain: new URL(COCKPIT_URL).hostname, path: "/" });
            await login(page);
            const frame = await pluginFrame(page);
            session = { browser, page, frame, console };
            const heading = await waitFor("the heading", () => frame.$eval("h1", el => (el as HTMLElement).innerText).catch(() => ""));
            assert.strictEqual(heading, "Virtuelle Maschinen");

            const english = englishWords();
            assert.true(english.has("virtual") && english.has("Shut") && !english.has("Name"), "the word list tells English from German");
            const found: Record<string, string[]> = {};
            const check = async (where: string): Promise<void> => {
                const seen = await visibleEnglish(frame, english, mark);
                if (seen.length) found[where] = seen;
            };
            await waitFor("the VM in the list", () => frame.evaluate(n => document.body.innerText.includes(n), `${mark}-vm`), 30_000);
            await check("VM list");
            for (const tab of ["overview", "disks", "nics", "snapshots", "usage", "consoles", "guest"]) {
                await frame.evaluate((n, t) => {
                    window.location.hash = `#/vm/system/${encodeURIComponent(n)}${t === "overview" ? "" : `?tab=${t}`}`;
                }, `${mark}-vm`, tab);
                await frame.waitForSelector(`#vm-details[data-vm-name="${mark}-vm"] [id$="vm-tab-${tab}"][aria-selected="true"]`, { timeout: 30_000 });
                await check(`VM page, tab ${tab}`);
            }
            await fillWizard(frame, {
                name: `${mark}-new`, source: "import", path: image,
                onSourceStep: () => check("wizard, installation step"),
                onResourcesStep: () => check("wizard, resources step"),
            });
            await check("wizard, review step");
            await closeWizard(frame);
            await openWizard(frame);
            await check("wizard, first step");
            await closeWizard(frame);
            assert.deepEqual(found, {}, "no English words besides technical ones");
        } catch (error) {
            await saveArtifacts(session, "language-de");
            throw error;
        } finally {
            await browser.close();
            await cleanupTestDomains(mark);
        }
    });
});
