// A wrong command line: kvmm says why and exits with 2; helpers that check words and options.
export class UsageError extends Error {}

/** The words, which must be this many; each is then a string. */
export function exactly(words: string[], count: number, usage: string): string[] {
    if (words.length !== count) throw new UsageError(`usage: kvmm ${usage}`);
    return words;
}

export const first = (words: string[]): string => words[0] ?? "";

/** A whole number ≥ 1 given to `option`. */
export function countOption(options: Map<string, string>, option: string): number | undefined {
    const text = options.get(option);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`${option} needs a whole number of at least 1, not ${text}`);
    return n;
}
