// Every language we ship is complete against the template (which `make lint` keeps current):
// each message translated, with the msgid's placeholders and all plural forms.
import { readFileSync } from "node:fs";

import * as gettextParser from "gettext-parser";
import QUnit from "qunit";

/** The languages shipped complete, with the plural rule gettext documents for each. */
const LANGUAGES: Record<string, string> = {
    de: "nplurals=2; plural=(n != 1);",
    fr: "nplurals=2; plural=(n > 1);",
};

type Entries = Record<string, { msgid: string; msgid_plural?: string; msgstr: string[] }>;

function parse(file: string): { headers: Record<string, string>; entries: Entries } {
    const po = gettextParser.po.parse(readFileSync(file));
    // The entry with the empty msgid is the header, not a message.
    const entries = Object.fromEntries(Object.entries(po.translations[""] ?? {}).filter(([msgid]) => msgid));
    return { headers: po.headers, entries };
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\$\d+/g) ?? [])].sort();

const template = parse("po/kvm-manager.pot").entries;

QUnit.module("translations", () => {
    QUnit.test("the template holds the messages", assert => {
        assert.true(Object.keys(template).length > 1000, `${String(Object.keys(template).length)} messages`);
    });

    for (const [lang, pluralForms] of Object.entries(LANGUAGES)) {
        QUnit.test(`po/${lang}.po is complete and right`, assert => {
            const { headers, entries } = parse(`po/${lang}.po`);
            assert.equal(headers.Language, lang);
            assert.equal(headers["Plural-Forms"], pluralForms);
            assert.deepEqual(Object.keys(entries), Object.keys(template),
                             `the same messages in the template's order (node po/update.js ${lang} brings it in line)`);
            const problems: string[] = [];
            for (const [msgid, t] of Object.entries(template)) {
                const entry = entries[msgid];
                if (!entry) continue;
                const forms = t.msgid_plural ? 2 : 1;
                if (entry.msgstr.length !== forms || entry.msgstr.some(s => !s.trim())) {
                    problems.push(`untranslated: ${JSON.stringify(msgid)}`);
                    continue;
                }
                // The singular may name the count where the msgid does not ("1 snapshot" for "Its snapshot"):
                // French uses it for 0 too.
                entry.msgstr.forEach((s, form) => {
                    const found = placeholders(s);
                    const required = placeholders(form === 0 ? msgid : t.msgid_plural ?? msgid);
                    const allowed = placeholders(`${msgid} ${t.msgid_plural ?? ""}`);
                    if (required.some(p => !found.includes(p)) || found.some(p => !allowed.includes(p)))
                        problems.push(`placeholders ${required.join()} ≠ ${found.join()}: ${JSON.stringify(s)}`);
                });
            }
            assert.deepEqual(problems, [], `node po/untranslated.js ${lang} lists what is missing`);
        });
    }
});
