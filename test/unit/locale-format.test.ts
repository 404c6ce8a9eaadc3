// Sizes, numbers and dates follow the language chosen in Cockpit, not the browser's or the host's.
import QUnit from "qunit";

import type { Cockpit } from "../../src/lib/cockpit-types.ts";
import { formatBytes } from "../../src/lib/format-bytes.ts";
import { formatDateTime, formatNumber, formatPercent } from "../../src/lib/format-number.ts";
import { uiLocale } from "../../src/lib/i18n.ts";

const GiB = 1024 ** 3;
// 4 December 2026, 14:05:09 UTC
const moment = Date.UTC(2026, 11, 4, 14, 5, 9);
const utc: Intl.DateTimeFormatOptions = { timeZone: "UTC", dateStyle: "short", timeStyle: "medium" };

QUnit.module("locale formatting", () => {
    QUnit.test("sizes use the locale's decimal mark", assert => {
        assert.strictEqual(formatBytes(1.5 * GiB, "de"), "1,5 GiB");
        assert.strictEqual(formatBytes(1.5 * GiB, "fr"), "1,5 GiB");
        assert.strictEqual(formatBytes(1.5 * GiB, "en"), "1.5 GiB");
        assert.strictEqual(formatBytes(1000 * 1024 ** 2, "de"), "1000 MiB", "no thousands separator in a size");
        assert.strictEqual(formatBytes(12.345 * 1024, "de"), "12,3 KiB");
    });

    QUnit.test("numbers and percentages", assert => {
        assert.strictEqual(formatPercent(12.5, 1, "de"), "12,5 %");
        assert.strictEqual(formatPercent(7, 1, "fr"), "7,0 %");
        assert.strictEqual(formatPercent(12.5, 1, "en"), "12.5 %");
        assert.strictEqual(formatNumber(3.25, 1, "de"), "3,3");
        assert.strictEqual(formatNumber(0.5, 2, "fr"), "0,5");
    });

    QUnit.test("dates and times in the locale's order and separators", assert => {
        assert.strictEqual(formatDateTime(moment, utc, "de"), "04.12.26, 14:05:09");
        assert.strictEqual(formatDateTime(moment, utc, "fr"), "04/12/2026 14:05:09");
        assert.strictEqual(formatDateTime(moment, utc, "en"), "12/4/26, 2:05:09 PM");
        assert.strictEqual(formatDateTime(moment, { timeZone: "UTC", month: "short", day: "numeric" }, "de"), "4. Dez.");
    });

    QUnit.test("the locale is Cockpit's language, English outside Cockpit", assert => {
        const global = globalThis as { cockpit?: Partial<Cockpit> };
        assert.strictEqual(uiLocale(), "en");
        assert.strictEqual(formatBytes(1.5 * GiB), "1.5 GiB");
        global.cockpit = { language: "pt_BR" };
        try {
            assert.strictEqual(uiLocale(), "pt-BR");
            assert.strictEqual(formatBytes(1.5 * GiB), "1,5 GiB");
            global.cockpit = { language: "de" };
            assert.strictEqual(formatPercent(99.25), "99,3 %");
        } finally {
            delete global.cockpit;
        }
    });
});
