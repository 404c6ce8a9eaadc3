// Extracts every translatable string (_("…"), ngettext("…", "…", n), cockpit.gettext(…)) from
// src/ into po/kvm-manager.pot, reading the TypeScript syntax tree rather than guessing with regexps.
//
//   node po/extract.js          (make pot)   writes the template
//   node po/extract.js --check  (make lint)  fails when the committed template differs from what
//                                            extraction gives, or when a string escapes extraction
//
// References name the file only, not the line (as xgettext --add-location=file does): with line
// numbers every edit above a string would make the committed template stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import gettextParser from "gettext-parser";
import ts from "typescript";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const potPath = path.join(root, "po", "kvm-manager.pot");
const check = process.argv.includes("--check");

const messages = new Map();
const escapes = [];

/** JSX attributes whose value the user reads. */
const VISIBLE_ATTRIBUTES = new Set([
    "aria-label", "alt", "bodyContent", "description", "headerContent", "helperText", "label",
    "placeholder", "title", "titleText", "toggleText",
]);

/**
 * Literal text in JSX that is the same in every language: commands, paths, formats, examples.
 * Anything else written as literal text in JSX is a string the translators never see.
 */
const UNTRANSLATED_ALLOWED = new Set([
    "#cloud-config",
    "/var/lib/libvirt/images/disk.qcow2",
    "/var/lib/libvirt/images/install.iso",
    "/var/lib/libvirt/images/vm.ova",
    "/var/lib/libvirt/images/…",
    "console=ttyS0",
    "db db.lab",
    "disk.qcow2",
    "https://…/fedora/linux/releases/40/Everything/x86_64/os/",
    "make agent-deb",
    "make agent-rpm",
    "qcow2",
    "tar xf kvmm-agent-$(uname -m).tar.gz && sh kvmm-agent/install.sh",
    "qemu+ssh://host.example.com/system",
    "qemu-guest-agent",
    "raw",
    "tar xf kvmm-agent.tar && sh kvmm-agent/install.sh",
]);

function add(msgid, plural, file) {
    const entry = messages.get(msgid) ?? { msgid, msgstr: plural ? ["", ""] : [""], comments: { reference: "" } };
    if (plural) entry.msgid_plural = plural;
    const references = new Set(entry.comments.reference.split("\n").filter(Boolean)).add(file);
    entry.comments.reference = [...references].sort().join("\n");
    messages.set(msgid, entry);
}

function literal(node) {
    return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function escaped(source, node, what) {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    escapes.push(`${source.fileName}:${line + 1}: ${what}`);
}

const hasWords = text => /[A-Za-z]{2,}/.test(text);

function visit(file, source, node) {
    if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
        if (name === "_" || name === "gettext") {
            const msgid = literal(node.arguments[0]);
            if (msgid) add(msgid, undefined, file);
            else escaped(source, node, `${name}() with a non-literal argument: extraction cannot see its text`);
        } else if (name === "ngettext") {
            const msgid = literal(node.arguments[0]);
            const plural = literal(node.arguments[1]);
            if (msgid && plural) add(msgid, plural, file);
            else escaped(source, node, "ngettext() with a non-literal argument: extraction cannot see its text");
        }
    } else if (ts.isJsxText(node) && hasWords(node.text) && !UNTRANSLATED_ALLOWED.has(node.text.trim())) {
        escaped(source, node, `literal text ${JSON.stringify(node.text.trim())} in JSX: wrap it in _()`);
    } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer) &&
               VISIBLE_ATTRIBUTES.has(node.name.getText(source)) && hasWords(node.initializer.text) &&
               !UNTRANSLATED_ALLOWED.has(node.initializer.text)) {
        escaped(source, node, `literal ${node.name.getText(source)}=${JSON.stringify(node.initializer.text)}: use {_("…")}`);
    }
    ts.forEachChild(node, child => visit(file, source, child));
}

for (const file of readdirSync(path.join(root, "src"), { recursive: true }).sort()) {
    if (typeof file !== "string" || !/\.tsx?$/.test(file)) continue;
    const rel = path.join("src", file);
    // The helpers' own definitions take a parameter, not a message.
    if (rel === path.join("src", "lib", "i18n.ts") || rel === path.join("src", "lib", "cockpit-types.ts")) continue;
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
    translations: { "": Object.fromEntries([...messages].sort(([a], [b]) => a.localeCompare(b, "en"))) },
}).toString() + "\n";

if (check) {
    let failed = false;
    if (escapes.length) {
        console.error(`Strings that escape translation (wrap them in _(), or add technical text to UNTRANSLATED_ALLOWED in po/extract.js):\n  ${escapes.join("\n  ")}`);
        failed = true;
    }
    if (readFileSync(potPath, "utf8") !== pot) {
        console.error(`po/kvm-manager.pot is not what extraction from src/ gives (${messages.size} messages): run \`make pot\` and commit it.`);
        failed = true;
    }
    process.exit(failed ? 1 : 0);
}

writeFileSync(potPath, pot);
console.log(`po/kvm-manager.pot: ${messages.size} messages`);
if (escapes.length) console.warn(`warning: strings that escape translation (see node po/extract.js --check):\n  ${escapes.join("\n  ")}`);
