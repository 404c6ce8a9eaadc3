// Checks that the plugin as packaged loads PatternFly once: no stylesheet besides index.css (a
// lazily loaded tab's CSS under chunks/) repeats rules of index.css. Prints TAP-style lines, one
// per stylesheet, and exits 1 if one repeats it.
// Usage: node test/pkg/stylesheets.js PLUGIN_DIR   (the folder that holds index.html)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** The text of foo.css, or of foo.css.gz as Cockpit serves it. */
function readSheet(file) {
    const data = readFileSync(file);
    return (file.endsWith(".gz") ? gunzipSync(data) : data).toString("utf8");
}

/**
 * The sheet's style rules, each as "at-rule preludes | selector { declarations }" with comments
 * dropped, so that the same rule in two sheets gives the same text.
 */
function styleRules(css) {
    const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
    const rules = [];
    const preludes = [];
    let start = 0;
    let depth = 0;
    let ruleStart = -1;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === "'") {
            for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
        } else if (c === "{") {
            const prelude = text.slice(start, i).trim();
            if (ruleStart < 0 && prelude.startsWith("@")) preludes.push(prelude);
            else if (ruleStart < 0) ruleStart = start;
            depth++;
            start = i + 1;
        } else if (c === "}") {
            depth--;
            if (ruleStart >= 0 && depth === preludes.length) {
                rules.push(`${preludes.join(" ")} | ${text.slice(ruleStart, i + 1).replace(/\s+/g, " ").trim()}`);
                ruleStart = -1;
            } else if (ruleStart < 0) {
                preludes.pop();
            }
            start = i + 1;
        } else if (c === ";" && ruleStart < 0) {
            start = i + 1; // @import, @charset …
        }
    }
    return rules;
}

/** The PatternFly component classes (pf-v6-c-button, pf-v6-c-button__icon …) the rules select. */
function componentClasses(rules) {
    return new Set(rules.flatMap(rule => rule.match(/\.pf-v\d+-c-[\w-]+/g) ?? []));
}

const dir = process.argv[2];
if (!dir) {
    console.error("usage: node test/pkg/stylesheets.js PLUGIN_DIR");
    process.exit(2);
}
const files = readdirSync(dir, { recursive: true }).filter(f => /\.css(\.gz)?$/.test(f));
const mainFile = files.find(f => /^index\.css(\.gz)?$/.test(f));
if (!mainFile) {
    console.log(`not ok - ${dir} has index.css`);
    process.exit(1);
}
const main = new Set(styleRules(readSheet(path.join(dir, mainFile))));
const mainClasses = componentClasses([...main]);
console.log(`ok - ${mainFile}: ${main.size} rules, ${mainClasses.size} PatternFly component classes`);
let failed = 0;
for (const file of files.filter(f => f !== mainFile)) {
    const rules = styleRules(readSheet(path.join(dir, file)));
    const repeated = rules.filter(rule => main.has(rule));
    const classes = [...componentClasses(repeated)].filter(c => mainClasses.has(c));
    if (repeated.length === 0) {
        console.log(`ok - ${file} repeats no rule of ${mainFile}`);
    } else {
        failed = 1;
        console.log(`not ok - ${file} repeats ${repeated.length} of its ${rules.length} rules of ${mainFile}, ` +
            `with ${classes.length} of the ${mainClasses.size} PatternFly component classes`);
    }
}
process.exit(failed);
