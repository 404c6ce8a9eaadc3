// Durations as the UI shows them (uptime, time left of a transfer).
/** "3 d 4 h", "2 h 5 min", "12 min", "40 s". */
export function formatDuration(seconds: number): string {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    if (d > 0) return `${String(d)} d ${String(h)} h`;
    if (h > 0) return `${String(h)} h ${String(m)} min`;
    if (m > 0) return `${String(m)} min`;
    return `${String(Math.floor(seconds))} s`;
}
