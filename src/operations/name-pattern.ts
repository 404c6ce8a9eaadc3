// Names for several new VMs at once, from a pattern with one number range, as a shell writes it:
// web-{01..10} → web-01 … web-10 (a leading zero pads every number to the widest). An open range
// (web-{1..}) takes its length from a count. Pure, so that every refusal is unit-tested.
import { _, format } from "../lib/i18n.ts";
import { checkVmName } from "./resource-limits.ts";

/** More at once is more likely a typing slip (web-{1..1000}) than a plan. */
export const MAX_DEPLOY_COUNT = 100;

const RANGE = /\{(\d+)\.\.(\d*)\}/;

export type NamesOrProblem = { names: string[] } | { problem: string };

/** Why `name` cannot be a new VM's name, with the name said (a pattern makes many), or null. */
export function checkNewVmName(name: string): string | null {
    const problem = checkVmName(name);
    return problem && format(_("$0: $1"), name, problem);
}

/**
 * The names a pattern makes. Without a range the pattern is one name (count 1, or none given);
 * with one, `count` (when given) must match the range, or gives an open range its end.
 */
export function expandNamePattern(pattern: string, count?: number): NamesOrProblem {
    if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > MAX_DEPLOY_COUNT))
        return { problem: format(_("The count must be a whole number from 1 to $0."), MAX_DEPLOY_COUNT) };
    const match = RANGE.exec(pattern);
    let names: string[];
    if (!match) {
        if (/[{}]/.test(pattern)) return { problem: format(_("$0 is not a name pattern: write the number range as {01..10} or {1..}."), pattern) };
        if ((count ?? 1) > 1)
            return { problem: format(_("To make $0 VMs, the name needs a number range, e.g. $1."), count ?? 1, `${pattern}-{01..${String(count).padStart(2, "0")}}`) };
        names = [pattern];
    } else {
        const [whole, startText = "", endText = ""] = match;
        const start = Number(startText);
        if (endText === "" && count === undefined) return { problem: format(_("$0 has an open range: give the count too."), pattern) };
        const end = endText === "" ? start + (count ?? 1) - 1 : Number(endText);
        if (end < start) return { problem: format(_("The range in $0 counts down: write the smaller number first."), pattern) };
        const total = end - start + 1;
        if (count !== undefined && total !== count)
            return { problem: format(_("$0 makes $1 names, but the count is $2."), pattern, total, count) };
        if (total > MAX_DEPLOY_COUNT) return { problem: format(_("$0 makes $1 names; at most $2 VMs are made at once."), pattern, total, MAX_DEPLOY_COUNT) };
        const padded = startText.startsWith("0") || endText.startsWith("0");
        const width = padded ? Math.max(startText.length, endText.length) : 0;
        const before = pattern.slice(0, match.index);
        const after = pattern.slice(match.index + whole.length);
        if (/[{}]/.test(before + after)) return { problem: format(_("$0 has more than one range; use one."), pattern) };
        names = Array.from({ length: total }, (_unused, i) => `${before}${String(start + i).padStart(width, "0")}${after}`);
    }
    for (const name of names) {
        const problem = checkNewVmName(name);
        if (problem) return { problem };
    }
    return { names };
}

/** The names of `wanted` that are taken, in order; a name given twice counts as taken. */
export function takenNames(wanted: readonly string[], existing: Iterable<string>): string[] {
    const taken = new Set(existing);
    const seen = new Set<string>();
    const result: string[] = [];
    for (const name of wanted) {
        if (taken.has(name) || seen.has(name)) result.push(name);
        seen.add(name);
    }
    return result;
}
