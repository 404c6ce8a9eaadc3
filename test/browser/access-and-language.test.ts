// What a user without libvirt access is told, and the page in another language.
import QUnit from "qunit";

import { COCKPIT_URL, launch, login, pluginFrame, saveArtifacts, type Session, TEST_PASSWORD, waitFor } from "./lib/cockpit-session.ts";

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
