// Extracts every translatable string (_("…"), ngettext("…", "…", n), cockpit.gettext(…)) from
// src/ into po/kvm-manager.pot, reading the TypeScript syntax tree rather than guessing with regexps.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import gettextParser from "gettext-parser";
import ts from "typescript";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const messages = new Map();

function add(msgid, plural, reference) {
    const entry = messages.get(msgid) ?? { msgid, msgstr: plural ? ["", ""] : [""], comments: { reference: "" } };
    if (plural) entry.msgid_plural = plural;
    entry.comments.reference = [entry.comments.reference, reference].filter(Boolean).join("\n");
    messages.set(msgid, entry);
}

function literal(node) {
    return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function visit(file, source, node) {
    if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        const reference = `${file}:${line + 1}`;
        if (name === "_" || name === "gettext") {
            const msgid = literal(node.arguments[0]);
            if (msgid) add(msgid, undefined, reference);
        } else if (name === "ngettext") {
            const msgid = literal(node.arguments[0]);
            const plural = literal(node.arguments[1]);
            if (msgid && plural) add(msgid, plural, reference);
        }
    }
    ts.forEachChild(node, child => visit(file, source, child));
}

for (const file of readdirSync(path.join(root, "src"), { recursive: true }).sort()) {
    if (typeof file !== "string" || !/\.tsx?$/.test(file)) continue;
    const rel = path.join("src", file);
    const text = readFileSync(path.join(root, rel), "utf8");
    const source = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, rel.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    visit(rel, source, source);
}

const pot = gettextParser.po.compile({
    charset: "utf-8",
    headers: {
        "Project-Id-Version": "kvm-manager",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    },
    translations: { "": Object.fromEntries([...messages].sort(([a], [b]) => a.localeCompare(b))) },
});
writeFileSync(path.join(root, "po", "kvm-manager.pot"), pot);
console.log(`po/kvm-manager.pot: ${messages.size} messages`);
