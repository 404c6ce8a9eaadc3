// Numbers, percentages and dates written for the user's locale (uiLocale): "1,5" and "04.12.2026"
// in German, "1.5" and "12/4/2026" in English.
import { uiLocale } from "./i18n.ts";

/** A number with at most `digits` decimals (trailing zeros dropped), without thousands separators. */
export function formatNumber(value: number, digits = 0, locale = uiLocale()): string {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/** "12.5 %" / "12,5 %": a percentage (0–100) with one decimal, spaced as this project has always shown it. */
export function formatPercent(value: number, digits = 1, locale = uiLocale()): string {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} %`;
}

/** A moment (ms since the epoch) as date and time, or with other parts by `options`. */
export function formatDateTime(ms: number, options?: Intl.DateTimeFormatOptions, locale = uiLocale()): string {
    return new Date(ms).toLocaleString(locale, options);
}
