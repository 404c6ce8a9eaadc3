import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import QUnit from "qunit";

import { searchOs } from "../../src/osinfo/os-search.ts";
import {
    mergeLookalikes, mergeSameId, newestFirst, type OsInfo, parseOsinfoConcatenated, parseOsinfoDocument, resolveInheritance,
} from "../../src/osinfo/osinfo-parse.ts";

function os(shortId: string, name: string, facts: Partial<OsInfo> = {}): OsInfo {
    return { id: `http://example.org/${shortId}`, shortId, name, parents: [], minimum: {}, recommended: {}, ...facts };
}

const SAMPLE = `<?xml version="1.0"?>
<libosinfo version="0.0.1">
  <os id="http://example.org/base/1">
    <short-id>base1</short-id><name>Base 1</name><name xml:lang="de">Basis 1</name><version>1</version>
    <vendor xml:lang="de">Beispiel</vendor><vendor>Example</vendor>
    <release-date>2020-01-01</release-date>
    <resources arch="all"><minimum><n-cpus>1</n-cpus><ram>536870912</ram></minimum>
      <recommended><ram>1073741824</ram><storage>10737418240</storage></recommended></resources>
    <resources arch="x86_64"><recommended><ram>2147483648</ram></recommended></resources>
    <devices><device id="http://pcisig.com/pci/1af4/1041"/></devices>
    <firmware arch="x86_64" type="efi"/>
  </os>
</libosinfo>
<?xml version="1.0"?>
<libosinfo version="0.0.1">
  <os id="http://example.org/base/2"><short-id>base2</short-id><name>Base 2</name>
    <derives-from id="http://example.org/base/1"/><release-date>2022-06-01</release-date>
    <resources arch="all"><recommended><storage>21474836480</storage></recommended></resources>
  </os>
  <os id="http://example.org/rolling"><name>Rolling &amp; Co</name><upgrades id="http://example.org/base/2"/></os>
  <os><name>no id: skipped</name></os>
</libosinfo>`;

QUnit.module("osinfo-db", () => {
    QUnit.test("entries are read with untranslated names and x86_64 figures first", assert => {
        const [base] = parseOsinfoDocument(SAMPLE.split(/(?=<\?xml)/)[0] ?? "");
        assert.strictEqual(base?.name, "Base 1");
        assert.strictEqual(base?.vendor, "Example");
        assert.deepEqual(base?.recommended, { ramBytes: 2147483648, storageBytes: 10737418240 });
        assert.deepEqual(base?.minimum, { ramBytes: 536870912, cpus: 1 });
        assert.true(base?.virtio);
        assert.strictEqual(base?.efi, "supported");
    });

    QUnit.test("unset facts are inherited through derives-from and upgrades; newest first", assert => {
        const list = newestFirst(resolveInheritance(parseOsinfoConcatenated(SAMPLE)));
        assert.deepEqual(list.map(o => o.shortId), ["http://example.org/rolling", "base2", "base1"]);
        const base2 = list.find(o => o.shortId === "base2");
        assert.deepEqual(base2?.recommended, { ramBytes: 2147483648, storageBytes: 21474836480 }, "own storage, inherited memory");
        assert.true(base2?.virtio, "inherited virtio");
        assert.strictEqual(list[0]?.name, "Rolling & Co");
        assert.strictEqual(list[0]?.recommended.storageBytes, 21474836480, "two levels up");
    });

    QUnit.test("the host's real osinfo-db parses, with Debian 11 needing virtio-capable defaults", assert => {
        if (!existsSync("/usr/share/osinfo/os")) {
            assert.true(false, "osinfo-db is not installed (make check installs it)");
            return;
        }
        const text = execFileSync("sh", ["-c", "find /usr/share/osinfo/os -name '*.xml' -exec cat {} +"], { maxBuffer: 64 * 1024 * 1024 }).toString();
        const list = resolveInheritance(parseOsinfoConcatenated(text));
        assert.true(list.length > 300, `${String(list.length)} entries`);
        const debian = list.find(o => o.id === "http://debian.org/debian/11");
        assert.strictEqual(debian?.shortId, "debian11");
        assert.true((debian?.recommended.ramBytes ?? 0) >= 1024 ** 3, "Debian 11 recommends at least 1 GiB");
        assert.true(debian?.virtio, "Debian 11 has virtio drivers");
        assert.true(list.filter(o => o.efi === "required").length >= 1, "some OS needs UEFI (e.g. Windows 11)");
    });

    QUnit.test("the search lists name matches first, best first", assert => {
        const list = [
            os("win11", "Microsoft Windows 11", { vendor: "Microsoft Corporation" }),
            os("fedora40", "Fedora Linux 40", { vendor: "Fedora Project" }),
            os("alpinelinux3.17", "Alpine Linux 3.17", { vendor: "Alpine Linux Project" }),
            os("postmarketos", "postmarketOS", { distro: "alpine" }),
            os("linux2022", "Generic Linux 2022"),
            os("alpinelinux3.16", "Alpine Linux 3.16", { vendor: "Alpine Linux Project" }),
            os("linuxmint21", "Linux Mint 21"),
            os("freebsd13", "FreeBSD 13"),
        ];
        const ids = (q: string, limit = 10) => searchOs(list, q, limit).map(o => o.shortId);
        assert.deepEqual(ids("alpine"), ["alpinelinux3.17", "alpinelinux3.16", "postmarketos"], "names first, newest first among them; then other facts");
        assert.deepEqual(ids("linux"), ["linuxmint21", "fedora40", "alpinelinux3.17", "linux2022", "alpinelinux3.16"],
                         "a name starting with it, then names with the word");
        assert.deepEqual(ids("bsd"), ["freebsd13"], "inside a word");
        assert.deepEqual(ids("  WINDOWS "), ["win11"], "case and spaces do not matter");
        assert.deepEqual(ids("", 2), ["win11", "fedora40"], "no query: the list as it is");
        assert.deepEqual(ids("x(y"), [], "the query is text, not a pattern");
    });

    QUnit.test("entries that look identical are merged", assert => {
        const parts = [
            os("win10", "Microsoft Windows 10", { vendor: "Microsoft", releaseDate: "2015-07-29", recommended: { ramBytes: 2 } }),
            os("win10", "Microsoft Windows 10", { vendor: "Microsoft" }),
        ];
        const merged = mergeSameId(parts);
        assert.strictEqual(merged.length, 1, "the additions in win-10.d/ are the same OS");
        assert.deepEqual([merged[0]?.releaseDate, merged[0]?.recommended.ramBytes], ["2015-07-29", 2], "facts kept");
        const coreos = [os("coreos-stable", "Fedora CoreOS", { vendor: "Fedora" }), os("coreos-next", "Fedora CoreOS", { vendor: "Fedora" }),
                        os("pureos8", "PureOS", { version: "8" }), os("pureos10", "PureOS", { version: "10" }), os("pureos9", "PureOS", { version: "9" })];
        assert.deepEqual(mergeLookalikes(coreos).map(o => o.shortId), ["coreos-stable", "pureos10"], "the first, or the highest version");
    });

    QUnit.test("in the host's osinfo-db, no two entries look the same and Alpine is found first", assert => {
        if (!existsSync("/usr/share/osinfo/os")) {
            assert.true(false, "osinfo-db is not installed (make check installs it)");
            return;
        }
        const text = execFileSync("sh", ["-c", "find /usr/share/osinfo/os -name '*.xml' -exec cat {} +"], { maxBuffer: 64 * 1024 * 1024 }).toString();
        const list = mergeLookalikes(newestFirst(resolveInheritance(mergeSameId(parseOsinfoConcatenated(text)))));
        const looks = list.map(o => `${o.name} ${o.vendor ?? ""} ${o.releaseDate?.slice(0, 4) ?? ""}`);
        assert.strictEqual(new Set(looks).size, looks.length, "each entry looks different");
        assert.strictEqual(new Set(list.map(o => o.id)).size, list.length, "one entry per id");
        assert.strictEqual(searchOs(list, "alpine", 60)[0]?.name.startsWith("Alpine"), true);
        assert.strictEqual(searchOs(list, "windows 10", 60).filter(o => o.name === "Microsoft Windows 10").length, 1, "Windows 10 once");
    });
});
