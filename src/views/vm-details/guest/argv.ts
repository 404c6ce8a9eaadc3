// Splits a typed command line into argv: whitespace separates, '…' and "…" quote, \ escapes.
export function splitArgv(line: string): string[] {
    const out: string[] = [];
    let current = "";
    let started = false;
    let quote: "'" | "\"" | undefined;
    for (let i = 0; i < line.length; i++) {
        const c = line.charAt(i);
        if (quote) {
            if (c === quote) quote = undefined;
            else if (c === "\\" && quote === "\"" && i + 1 < line.length) current += line.charAt(++i);
            else current += c;
        } else if (c === "'" || c === "\"") {
            quote = c;
            started = true;
        } else if (c === "\\" && i + 1 < line.length) {
            current += line.charAt(++i);
            started = true;
        } else if (/\s/.test(c)) {
            if (started) out.push(current);
            current = "";
            started = false;
        } else {
            current += c;
            started = true;
        }
    }
    if (quote) throw new Error("unterminated quote");
    if (started) out.push(current);
    return out;
}
