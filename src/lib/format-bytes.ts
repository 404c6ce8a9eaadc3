// Human-readable sizes with binary units, as virt-manager and Proxmox show them, in the user's
// locale's digits ("1,5 GiB" in German).
import { formatNumber } from "./format-number.ts";
import { uiLocale } from "./i18n.ts";

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

export function formatBytes(bytes: number, locale = uiLocale()): string {
    if (!Number.isFinite(bytes) || bytes < 0) return "—";
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return `${formatNumber(value, digits, locale)} ${UNITS[unit] ?? ""}`;
}
