// What the page keeps of a running command's output: the newest part, up to a cap.

/** Per stream; a chatty command (a build log, `yes`) must not fill the page's memory. */
export const OUTPUT_CAP_CHARS = 1024 * 1024;

export interface CappedOutput {
    text: string;
    /** Characters dropped from the start so far. */
    dropped: number;
}

export function appendCapped(prev: CappedOutput, chunk: string, cap = OUTPUT_CAP_CHARS): CappedOutput {
    if (chunk === "") return prev;
    const text = prev.text + chunk;
    if (text.length <= cap) return { text, dropped: prev.dropped };
    // Cut at a line start (at or soon after the cap's cut), so no half line shows.
    let cut = text.length - cap;
    const newline = text.indexOf("\n", cut - 1);
    if (newline >= 0 && newline - cut < 4096) cut = newline + 1;
    return { text: text.slice(cut), dropped: prev.dropped + cut };
}
