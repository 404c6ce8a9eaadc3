// The OS list's search: entries whose name matches come first, best matches at the top;
// within a rank the list's own order (newest first) stands.
import type { OsInfo } from "./osinfo-parse.ts";

/** 0: the name starts with the query; 1: a word of it does; 2: the name holds it elsewhere;
 *  3: only the short id, vendor or distribution does; undefined: no match. */
function rank(os: OsInfo, query: string): number | undefined {
    const name = os.name.toLocaleLowerCase();
    const at = name.indexOf(query);
    if (at === 0) return 0;
    if (at > 0) return new RegExp(`(^|[^\\p{L}\\p{N}])${query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(name) ? 1 : 2;
    const other = [os.shortId, os.vendor, os.distro, os.family].filter(Boolean).join(" ").toLocaleLowerCase();
    return other.includes(query) ? 3 : undefined;
}

/** The entries matching `query` (all of them for an empty one), best first, at most `limit`. */
export function searchOs(list: readonly OsInfo[], query: string, limit: number): OsInfo[] {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return list.slice(0, limit);
    return list.map((os, index) => ({ os, index, rank: rank(os, q) }))
        .filter((m): m is { os: OsInfo; index: number; rank: number } => m.rank !== undefined)
        .sort((a, b) => a.rank - b.rank || a.index - b.index)
        .slice(0, limit)
        .map(m => m.os);
}
