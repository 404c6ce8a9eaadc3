import QUnit from "qunit";

import { clockOffsetText, clockSetText, timeZoneText, utcOffsetText } from "../../src/views/vm-details/guest/clock-offset.ts";
import { userSessionText } from "../../src/views/vm-details/guest/user-sessions.ts";

QUnit.module("guest clock in words", () => {
    QUnit.test("ahead, behind, in step within a second", assert => {
        assert.strictEqual(clockOffsetText(0), "In step with the host's clock");
        assert.strictEqual(clockOffsetText(-999), "In step with the host's clock", "the measurement's own error is not shown as drift");
        assert.strictEqual(clockOffsetText(3_400), "3 s ahead of the host's clock");
        assert.strictEqual(clockOffsetText(-125_000), "2 min behind the host's clock");
        assert.strictEqual(clockOffsetText(-3 * 365 * 86_400_000), "1095 d 0 h behind the host's clock", "years off, as a guest's RTC can be");
    });

    QUnit.test("what setting it changed", assert => {
        assert.strictEqual(clockSetText(-300_000), "The guest's clock was set from the host's; it had been 5 min behind.");
        assert.strictEqual(clockSetText(61_000), "The guest's clock was set from the host's; it had been 1 min ahead.");
        assert.strictEqual(clockSetText(200), "The guest's clock was set from the host's; it was already in step.");
    });

    QUnit.test("time zone offsets", assert => {
        assert.strictEqual(utcOffsetText(0), "UTC");
        assert.strictEqual(utcOffsetText(330), "UTC+05:30");
        assert.strictEqual(utcOffsetText(-210), "UTC\u221203:30", "a minus sign, as in typeset offsets");
        assert.strictEqual(utcOffsetText(14 * 60), "UTC+14:00");
        assert.strictEqual(utcOffsetText(-12 * 60), "UTC\u221212:00");
        assert.strictEqual(timeZoneText("Asia/Kolkata", 330), "Asia/Kolkata (UTC+05:30)");
        assert.strictEqual(timeZoneText("UTC", 0), "UTC", "not \"UTC (UTC)\"");
        assert.strictEqual(timeZoneText("Etc/UTC", 0), "Etc/UTC (UTC)");
    });
});

QUnit.module("guest users in words", () => {
    QUnit.test("who, where, from where, since when; what is unknown is left out", assert => {
        const at = (ms: number) => `t${String(ms)}`;
        const alice = { user: "alice", terminal: "pts/0", host: "10.0.0.5", loginTimeMs: 1700000100000, pid: 4321 };
        assert.strictEqual(userSessionText(alice, at), "alice on pts/0 from 10.0.0.5, since t1700000100000");
        assert.strictEqual(userSessionText({ ...alice, host: "" }, at), "alice on pts/0, since t1700000100000", "a local login");
        assert.strictEqual(userSessionText({ ...alice, loginTimeMs: null, pid: null }, at), "alice on pts/0 from 10.0.0.5", "who gave no time");
        assert.strictEqual(userSessionText({ ...alice, terminal: "", host: "", loginTimeMs: 0 }, at), "alice");
        assert.true(userSessionText(alice).includes(new Date(1700000100000).toLocaleString()), "the browser's own date format by default");
    });
});
