// What a user without libvirt access is told, what follows the switch of administrative access,
// and the page in another language.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

import QUnit from "qunit";

import { enableAdminAccess } from "./lib/agent-guest.ts";
import { COCKPIT_URL, launch, login, pluginFrame, saveArtifacts, type Session, TEST_PASSWORD, waitFor } from "./lib/cockpit-session.ts";
import { closeWizard, fillWizard } from "./lib/create-vm-wizard.ts";
import { suiteMark } from "./lib/virsh.ts";

const NOPRIV_USER = process.env.KVMM_TEST_NOPRIV_USER ?? "kvmtest-nopriv";

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

    QUnit.test("with German chosen, the page speaks German", async assert => {
        const { browser, page, console } = await launch();
        let session: Session | undefined;
        try {
            await browser.setCookie({ name: "CockpitLang", value: "de", domain: new URL(COCKPIT_URL).hostname, path: "/" });
            await login(page);
            const frame = await pluginFrame(page);
            session = { browser, page, frame, console };
            const heading = await waitFor("the heading", () => frame.$eval("h1", el => (el as HTMLElement).innerText).catch(() => ""));
            assert.strictEqual(heading, "Virtuelle Maschinen");
        } catch (error) {
            await saveArtifacts(session, "language-de");
            throw error;
        } finally {
            await browser.close();
        }
    });
});
