// A migration's figures in words, the same for the page and kvmm. Pure.
import { formatBytes } from "../lib/format-bytes.ts";
import { formatNumber } from "../lib/format-number.ts";
import { _, format } from "../lib/i18n.ts";
import type { JobStats } from "../libvirt/migration-api.ts";

export interface MigrationFigure {
    label: string;
    value: string;
}

function remaining(left: number | undefined, total: number | undefined): string | undefined {
    if (left === undefined || total === undefined || total === 0) return undefined;
    return format(_("$0 of $1 left"), formatBytes(left), formatBytes(total));
}

export function migrationFigures(stats: JobStats): MigrationFigure[] {
    const rate = (stats.memoryBytesPerSecond ?? 0) + (stats.diskBytesPerSecond ?? 0);
    const figures: [string, string | undefined][] = [
        [_("Disks"), remaining(stats.diskRemaining, stats.diskTotal)],
        [_("Memory"), remaining(stats.memoryRemaining, stats.memoryTotal)],
        [_("Rate"), rate > 0 ? `${formatBytes(rate)}/s` : undefined],
        [_("Expected downtime"), stats.expectedDowntimeMs === undefined ? undefined : format(_("$0 ms"), String(stats.expectedDowntimeMs))],
    ];
    return figures.flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
}

/** One line: "Disks: 10 MiB of 64 MiB left, Memory: …". */
export function migrationLine(stats: JobStats): string {
    return migrationFigures(stats).map(f => `${f.label}: ${f.value}`).join(", ");
}

export function migratedText(name: string, uri: string, totalMs: number, downtimeMs: number | undefined): string {
    const seconds = formatNumber(totalMs / 1000, 1);
    return downtimeMs === undefined
        ? format(_("$0 moved to $1 in $2 s"), name, uri, seconds)
        : format(_("$0 moved to $1 in $2 s (downtime $3 ms)"), name, uri, seconds, String(downtimeMs));
}
