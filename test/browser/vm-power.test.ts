// Every power action on a real QEMU guest changes what the page shows, and virsh agrees.
// Graceful shutdown and reboot go through the guest (ACPI power button → busybox acpid).
import QUnit from "qunit";

import { browserForModule } from "./lib/cockpit-session.ts";
import { countInSerial, guestSpec, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, domstate, suiteMark } from "./lib/virsh.ts";
import { clickAction, confirmDialog, row, waitForRow } from "./lib/vm-list-page.ts";

const MARK = suiteMark("power");

const NAME = `${MARK}-power`;
const READY = "KVMM-GUEST-READY";
const POWEROFF = "KVMM-GUEST-POWEROFF";

QUnit.module("VM power actions on a real guest", hooks => {
    const ui = browserForModule(hooks, "vm-power", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await defineXml(domainXml(guestSpec(NAME)));
        },
        tearDown: () => cleanupTestDomains(MARK),
    });

    QUnit.test("Run boots the guest", async assert => {
        const frame = ui().frame;
        await waitForRow(frame, NAME, "shutoff");
        await clickAction(frame, NAME, "run");
        await waitForRow(frame, NAME, "running", 60_000);
        assert.strictEqual(await domstate(NAME), "running");
        await waitForSerial(NAME, READY);
        assert.strictEqual(countInSerial(NAME, READY), 1, "the guest booted once");
    });

    QUnit.test("Pause and Resume", async assert => {
        const frame = ui().frame;
        await clickAction(frame, NAME, "pause");
        const paused = await waitForRow(frame, NAME, "paused");
        assert.true(paused.text.includes("Paused"));
        assert.strictEqual(await domstate(NAME), "paused");
        await clickAction(frame, NAME, "resume");
        await waitForRow(frame, NAME, "running");
        assert.strictEqual(await domstate(NAME), "running");
    });

    QUnit.test("Reboot goes through the guest, Force reboot resets it", async assert => {
        const frame = ui().frame;
        const before = countInSerial(NAME, READY);
        await clickAction(frame, NAME, "reboot");
        await waitForSerial(NAME, READY, before + 1);
        assert.true(countInSerial(NAME, POWEROFF) >= 1, "the guest itself handled the reboot request");
        await waitForRow(frame, NAME, "running");
        assert.strictEqual(await domstate(NAME), "running");

        const poweroffs = countInSerial(NAME, POWEROFF);
        await clickAction(frame, NAME, "forceReboot");
        await waitForSerial(NAME, READY, before + 2);
        assert.strictEqual(countInSerial(NAME, POWEROFF), poweroffs, "a reset does not ask the guest");
        assert.strictEqual(await domstate(NAME), "running");
    });

    QUnit.test("Shut down asks first, then the guest powers itself off", async assert => {
        const frame = ui().frame;
        const poweroffs = countInSerial(NAME, POWEROFF);
        await clickAction(frame, NAME, "shutdown");
        await confirmDialog(frame);
        const during = await row(frame, NAME);
        assert.true(during?.state === "shutoff" || during?.pending !== null, "the row shows the shutdown in progress or done");
        await waitForRow(frame, NAME, "shutoff", 90_000);
        assert.strictEqual(await domstate(NAME), "shut off");
        assert.strictEqual(countInSerial(NAME, POWEROFF), poweroffs + 1, "the guest ran its power-off");
    });

    QUnit.test("Force off stops the guest at once", async assert => {
        const frame = ui().frame;
        await clickAction(frame, NAME, "run");
        await waitForRow(frame, NAME, "running", 60_000);
        await waitForSerial(NAME, READY);
        await clickAction(frame, NAME, "forceOff");
        await confirmDialog(frame);
        await waitForRow(frame, NAME, "shutoff", 30_000);
        assert.strictEqual(await domstate(NAME), "shut off");
        assert.strictEqual(countInSerial(NAME, POWEROFF), 0, "the guest was not asked");
    });
});
