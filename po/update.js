// Brings po/<lang>.po in line with the template: messages in the template's order, the ones no
// longer in it dropped, and translations from a JSON lines file (as po/untranslated.js prints them,
// each with "msgstr": "…", or "msgstr": ["…", "…"] for plurals) merged in.
//   node po/update.js fr [translations.jsonl]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import gettextParser from "gettext-parser";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const [lang, input] = process.argv.slice(2);
if (!lang) {
    console.error("usage: node po/update.js <lang> [translations.jsonl]");
    process.exit(2);
}

/** Plural rules as gettext's documentation gives them, for languages started here. */
const PLURAL_FORMS = {
    de: "nplurals=2; plural=(n != 1);",
    es: "nplurals=2; plural=(n != 1);",
    fr: "nplurals=2; plural=(n > 1);",
};

const poPath = path.join(root, "po", `${lang}.po`);
const template = gettextParser.po.parse(readFileSync(path.join(root, "po", "kvm-manager.pot"))).translations[""];
const old = existsSync(poPath) ? gettextParser.po.parse(readFileSync(poPath)) : undefined;
const pluralForms = old?.headers["Plural-Forms"] ?? PLURAL_FORMS[lang];
if (!pluralForms) {
    console.error(`no plural rule known for ${lang}: add it to PLURAL_FORMS in po/update.js`);
    process.exit(2);
}

const translations = new Map(Object.entries(old?.translations[""] ?? {}).map(([id, t]) => [id, t.msgstr]));
if (input) {
    for (const line of readFileSync(input, "utf8").split("\n").filter(l => l.trim())) {
        const { msgid, msgstr } = JSON.parse(line);
        if (!(msgid in template)) console.warn(`not in the template, skipped: ${JSON.stringify(msgid)}`);
        translations.set(msgid, Array.isArray(msgstr) ? msgstr : [msgstr]);
    }
}

const entries = {};
for (const [msgid, t] of Object.entries(template)) {
    if (!msgid) continue;
    const msgstr = translations.get(msgid) ?? (t.msgid_plural ? ["", ""] : [""]);
    entries[msgid] = { ...t, msgstr };
}
const po = gettextParser.po.compile({
    charset: "utf-8",
    headers: {
        "Project-Id-Version": "kvm-manager",
        "Language": lang,
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": pluralForms,
    },
    translations: { "": entries },
}).toString() + "\n";
writeFileSync(poPath, po);
const empty = Object.values(entries).filter(e => !e.msgstr.every(Boolean)).length;
console.log(`po/${lang}.po: ${Object.keys(entries).length} messages, ${empty} untranslated`);
