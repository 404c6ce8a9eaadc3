// systemd's own syntax, as its manuals define it: unit-name escaping (what `systemd-escape` does),
// quoting of Exec command lines (systemd.service "Command lines") and unit files' sections.

const PLAIN_NAME_CHAR = /[A-Za-z0-9:_.]/;

function hexEscape(byte: number): string {
    return `\\x${byte.toString(16).padStart(2, "0")}`;
}

/** A string as a unit name part, as `systemd-escape STRING` prints it ("/" → "-", others → \xNN of their UTF-8 bytes). */
export function escapeUnitNamePart(text: string): string {
    let out = "";
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i] ?? 0;
        const char = String.fromCharCode(byte);
        if (char === "/") out += "-";
        else if (byte < 0x80 && PLAIN_NAME_CHAR.test(char) && !(i === 0 && char === ".")) out += char;
        else out += hexEscape(byte);
    }
    return out;
}

/** A word of an Exec line needs no quotes when it has only these (no specifier, variable, quote or escape). */
const BARE_WORD = /^[A-Za-z0-9_./:=@+,-]+$/;

/** One argument as an Exec line word: quoted with C escapes, "%" and "$" doubled so that systemd expands nothing. */
export function quoteExecArg(arg: string): string {
    if (BARE_WORD.test(arg) && arg !== ";") return arg;
    let out = "\"";
    // Characters beyond ASCII go as they are: unit files are UTF-8.
    for (const char of arg) {
        const code = char.codePointAt(0) ?? 0;
        if (char === "\\" || char === "\"") out += `\\${char}`;
        else if (char === "%") out += "%%";
        else if (char === "$") out += "$$";
        else if (code < 0x20 || code === 0x7f) out += hexEscape(code);
        else out += char;
    }
    return `${out}"`;
}

export function execLine(argv: readonly string[]): string {
    return argv.map(quoteExecArg).join(" ");
}

const C_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", s: " ", "\\": "\\", "\"": "\"", "'": "'" };

/**
 * An Exec line back into its words, as systemd splits it (quotes, C escapes, "%%" and "$$").
 * null when it holds what systemd would expand (a specifier other than %%, a variable) or bad quoting:
 * such a line is not one we wrote.
 */
export function parseExecLine(line: string): string[] | null {
    const words: string[] = [];
    let i = 0;
    const bytes: number[] = [];
    const push = (s: string) => bytes.push(...new TextEncoder().encode(s));
    while (i < line.length) {
        while (i < line.length && /\s/.test(line[i] ?? "")) i++;
        if (i >= line.length) break;
        bytes.length = 0;
        const quote = line[i] === "\"" || line[i] === "'" ? line[i] : undefined;
        if (quote) i++;
        let closed = quote === undefined;
        while (i < line.length) {
            const c = line[i] ?? "";
            if (quote && c === quote) {
                closed = true;
                i++;
                break;
            }
            if (!quote && /\s/.test(c)) break;
            if (c === "\\") {
                const next = line[i + 1] ?? "";
                if (next === "x" && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
                    bytes.push(parseInt(line.slice(i + 2, i + 4), 16));
                    i += 4;
                    continue;
                }
                const escaped = C_ESCAPES[next];
                if (escaped === undefined) return null;
                push(escaped);
                i += 2;
                continue;
            }
            if (c === "%" || c === "$") {
                if (line[i + 1] !== c) return null;
                push(c);
                i += 2;
                continue;
            }
            push(c);
            i++;
        }
        if (!closed) return null;
        // A quoted word must end at a space.
        if (quote && i < line.length && !/\s/.test(line[i] ?? "")) return null;
        words.push(new TextDecoder().decode(new Uint8Array(bytes)));
    }
    return words;
}

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const CONTROL = /[\x00-\x1f\x7f]/g;

/** A line break or other control character would end or garble a unit file's setting. */
export function hasControlCharacter(text: string): boolean {
    return text.search(CONTROL) >= 0;
}

/** "%" in free text (Description=) doubled, so that systemd expands no specifier; line breaks become spaces. */
export function unitText(text: string): string {
    return text.replace(CONTROL, " ").replace(/%/g, "%%");
}

export type UnitSections = Map<string, Map<string, string>>;

/** A unit file's sections and their settings (the last of a repeated key wins; comments and continued lines as systemd reads them). */
export function parseUnitFile(text: string): UnitSections {
    const sections: UnitSections = new Map();
    let current: Map<string, string> | undefined;
    const lines = text.split("\n");
    for (let n = 0; n < lines.length; n++) {
        let line = (lines[n] ?? "").trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
        while (line.endsWith("\\") && n + 1 < lines.length) line = `${line.slice(0, -1)} ${(lines[++n] ?? "").trim()}`;
        const section = /^\[(.+)\]$/.exec(line);
        if (section) {
            current = sections.get(section[1] ?? "") ?? new Map<string, string>();
            sections.set(section[1] ?? "", current);
            continue;
        }
        const eq = line.indexOf("=");
        if (eq > 0 && current) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
    return sections;
}

/** Sections in order, each setting on its own line. */
export function renderUnitFile(sections: readonly (readonly [string, readonly (readonly [string, string])[]])[]): string {
    return sections.map(([name, settings]) => `[${name}]\n${settings.map(([k, v]) => `${k}=${v}\n`).join("")}`).join("\n");
}
