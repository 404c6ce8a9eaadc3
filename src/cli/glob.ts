// Shell patterns for names (kvmm list --name).
/** A shell glob (* ? [...]) as a whole-name regular expression. */
export function globToRegExp(glob: string): RegExp {
    let source = "";
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i] ?? "";
        if (c === "*") source += ".*";
        else if (c === "?") source += ".";
        else if (c === "[") {
            const end = glob.indexOf("]", i + 2);
            if (end < 0) {
                source += "\\[";
                continue;
            }
            const body = glob.slice(i + 1, end).replace(/\\/g, "\\\\");
            source += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
            i = end;
        } else source += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
    }
    return new RegExp(`^${source}$`, "s");
}
