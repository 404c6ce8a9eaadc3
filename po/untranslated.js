// Lists the template's messages that po/<lang>.po lacks or leaves empty, as JSON lines
// ({"msgid": …, "msgid_plural": …}) ready to translate; with --count, only how many.
//   node po/untranslated.js de
// After translating, `node po/update.js de translations.json` merges them into po/de.po.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import gettextParser from "gettext-parser";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const [lang] = process.argv.slice(2).filter(a => !a.startsWith("--"));
if (!lang) {
    console.error("usage: node po/untranslated.js <lang> [--count]");
    process.exit(2);
}
const poPath = path.join(root, "po", `${lang}.po`);
const template = gettextParser.po.parse(readFileSync(path.join(root, "po", "kvm-manager.pot"))).translations[""];
const translated = existsSync(poPath) ? gettextParser.po.parse(readFileSync(poPath)).translations[""] : {};

const missing = Object.values(template)
        .filter(t => t.msgid && !(translated[t.msgid]?.msgstr.every(Boolean) ?? false))
        .map(t => (t.msgid_plural ? { msgid: t.msgid, msgid_plural: t.msgid_plural } : { msgid: t.msgid }));
if (process.argv.includes("--count")) console.log(`${lang}: ${missing.length} of ${Object.keys(template).length - 1} untranslated`);
else for (const m of missing) console.log(JSON.stringify(m));
