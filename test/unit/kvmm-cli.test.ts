import parseSignature from "@homebridge/dbus-native/lib/signature.js";
import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { globToRegExp } from "../../src/cli/glob.ts";
import { COMMANDS, helpText, manPage } from "../../src/cli/help.ts";
import { fromCockpitValue, toCockpitValue } from "../../src/cli/node-dbus.ts";
import { listJson, listText, table } from "../../src/cli/output.ts";
import { shellQuote, sshArgv } from "../../src/cli/remote.ts";
import { usage } from "./cli-usage.ts";

QUnit.module("kvmm command line", () => {
    QUnit.test("commands and their options", assert => {
        assert.deepEqual(parseArgs(["list", "--json", "--state", "running", "--name=web-*"]).command,
                         { kind: "list", state: "running", name: "web-*" });
        assert.true(parseArgs(["--json", "list"]).global.json, "global options go anywhere");
        assert.deepEqual(parseArgs(["start", "a", "b c", "--wait"]).command, { kind: "power", action: "start", vms: ["a", "b c"], waitSeconds: 300 });
        assert.deepEqual(parseArgs(["shutdown", "a", "--wait", "--timeout", "20"]).command,
                         { kind: "power", action: "shutdown", vms: ["a"], waitSeconds: 20 });
        assert.deepEqual(parseArgs(["destroy", "a"]).command, { kind: "power", action: "destroy", vms: ["a"] });
        assert.deepEqual(parseArgs(["snapshot", "create", "vm"]).command, { kind: "snapshot-create", vm: "vm", description: "" });
        assert.deepEqual(parseArgs(["snapshot", "create", "vm", "s1", "--description", "x"]).command,
                         { kind: "snapshot-create", vm: "vm", name: "s1", description: "x" });
        assert.deepEqual(parseArgs(["snapshot", "revert", "vm", "s1"]).command, { kind: "snapshot-revert", vm: "vm", name: "s1" });
        assert.deepEqual(parseArgs(["delete", "vm", "--storage"]).command, { kind: "delete", vm: "vm", storage: true });
        assert.deepEqual(parseArgs(["info", "--", "-odd-name"]).command, { kind: "info", vm: "-odd-name" }, "-- ends the options");
        assert.true(parseArgs(["--session", "list"]).global.session);
        assert.deepEqual(parseArgs(["--help"]).command, { kind: "help" });
        assert.deepEqual(parseArgs(["list", "-h"]).command, { kind: "help" });
    });

    QUnit.test("bad command lines are refused with the reason", assert => {
        assert.strictEqual(usage([]), "no command given (see kvmm --help)");
        assert.strictEqual(usage(["frob"]), "unknown command: frob (see kvmm --help)");
        assert.strictEqual(usage(["list", "--frob"]), "unknown option: --frob");
        assert.strictEqual(usage(["list", "--state", "sleeping"]), "unknown state: sleeping");
        assert.strictEqual(usage(["list", "--state"]), "--state needs a value");
        assert.strictEqual(usage(["list", "extra"]), "usage: kvmm list [--state STATE] [--name GLOB] [--tag TAG]... [--folder FOLDER]");
        assert.strictEqual(usage(["start"]), "usage: kvmm start VM... [--wait] [--timeout SECONDS] [--force] [--if-needed]");
        assert.strictEqual(usage(["start", "a", "--timeout", "5"]), "--timeout goes with --wait");
        assert.strictEqual(usage(["start", "a", "--wait", "--timeout", "soon"]), "--timeout needs a number of seconds, not soon");
        assert.strictEqual(usage(["start", "a", "--wait", "--timeout", "0"]), "--timeout needs a number of seconds, not 0");
        assert.strictEqual(usage(["delete", "a", "--wait"]), "--wait does not apply to this command");
        assert.strictEqual(usage(["list", "--storage"]), "--storage does not apply to this command");
        assert.strictEqual(usage(["list", "--json=yes"]), "--json takes no value");
        assert.strictEqual(usage(["snapshot", "revert", "vm"]), "usage: kvmm snapshot revert VM NAME");
        assert.strictEqual(usage(["snapshot", "frob", "vm"]), "usage: kvmm snapshot list|create|revert|delete VM [NAME]");
        assert.strictEqual(usage(["--host", "nohost", "list"]), "--host needs USER@HOST[:PORT], not nohost");
    });

    QUnit.test("template and deploy", assert => {
        assert.deepEqual(parseArgs(["template", "base"]).command, { kind: "template", vm: "base", undo: false });
        assert.deepEqual(parseArgs(["template", "base", "--undo"]).command, { kind: "template", vm: "base", undo: true });
        assert.deepEqual(parseArgs(["deploy", "base", "a", "b", "--linked"]).command,
                         { kind: "deploy", template: "base", names: ["a", "b"], linked: true, start: false });
        assert.deepEqual(parseArgs(["deploy", "base", "--pattern", "web-{1..}", "--count", "2", "--user", "ops", "--ssh-key", "k.pub", "--start"]).command,
                         { kind: "deploy", template: "base", names: ["web-1", "web-2"], linked: false, start: true, cloudInit: { user: "ops", sshKeyFile: "k.pub" } });
        assert.strictEqual(usage(["deploy", "base"]), "usage: kvmm deploy TEMPLATE (NAME...|--pattern P [--count N]) [--linked] [--start] [--user U --ssh-key FILE | --user-data FILE]");
        assert.strictEqual(usage(["deploy", "base", "a", "--pattern", "w-{1..2}"]), "give the new VMs' names or --pattern, not both");
        assert.strictEqual(usage(["deploy", "base", "a", "--count", "2"]), "--count goes with --pattern");
        assert.true(usage(["deploy", "base", "--pattern", "w-{1..3}", "--count", "2"]).includes("makes 3 names, but the count is 2"));
        assert.true(usage(["deploy", "base", "a", "--user", "ops"]).includes("--user and --ssh-key go together"));
        assert.true(usage(["deploy", "base", "a", "--user-data", "u", "--user", "x", "--ssh-key", "k"]).includes("--user-data replaces"));
        assert.true(usage(["deploy", "base", "a/b"]).includes("'/'"));
        assert.strictEqual(usage(["template", "a", "--linked"]), "--linked does not apply to this command");
    });

    QUnit.test("share: list, add with or without a tag, remove; bad lines refused", assert => {
        assert.deepEqual(parseArgs(["share", "list", "vm1"]).command, { kind: "share-list", vm: "vm1" });
        assert.deepEqual(parseArgs(["share", "add", "vm1", "/srv/data"]).command, { kind: "share-add", vm: "vm1", hostDir: "/srv/data", readOnly: false });
        assert.deepEqual(parseArgs(["share", "add", "vm1", "data", "--tag", "d1", "--read-only"]).command,
                         { kind: "share-add", vm: "vm1", hostDir: "data", tag: "d1", readOnly: true }, "a relative folder is made absolute when it runs");
        assert.deepEqual(parseArgs(["share", "remove", "vm1", "d1"]).command, { kind: "share-remove", vm: "vm1", tag: "d1" });
        const shareUsage = "usage:\n  kvmm share list VM\n  kvmm share add VM HOSTDIR [--tag T] [--read-only]\n  kvmm share remove VM TAG";
        for (const bad of [["share"], ["share", "list"], ["share", "add", "vm1"], ["share", "remove", "vm1"], ["share", "add", "vm1", "/a", "/b"], ["share", "frob", "vm1", "x"]])
            assert.strictEqual(usage(bad), shareUsage, bad.join(" "));
        assert.strictEqual(usage(["share", "add", "vm1", "/a", "--tag="]), "--tag needs a value: --tag=NAME");
        assert.strictEqual(usage(["share", "remove", "vm1", "d1", "--read-only"]), "--read-only does not apply to this command");
        assert.strictEqual(usage(["share", "list", "vm1", "--tag", "x"]), "--tag does not apply to this command");
    });

    QUnit.test("--host: the rest goes to ssh, each word quoted for the remote shell", assert => {
        const parsed = parseArgs(["--host", "admin@vmhost:2222", "start", "it's mine", "--wait"]);
        assert.strictEqual(parsed.global.host, "admin@vmhost:2222");
        assert.deepEqual(parsed.forward, ["start", "it's mine", "--wait"]);
        assert.deepEqual(parseArgs(["list", "--host=a@b"]).forward, ["list"]);
        assert.deepEqual(sshArgv("admin@vmhost:2222", parsed.forward), ["ssh", "-p", "2222", "--", "admin@vmhost", "kvmm start 'it'\\''s mine' --wait"]);
        assert.deepEqual(sshArgv("a@b", ["list"]), ["ssh", "--", "a@b", "kvmm list"]);
        const other = parseArgs(["--remote-kvmm", "/opt/kvm manager/kvmm", "--host", "a@b", "list", "--json"]);
        assert.deepEqual(other.forward, ["list", "--json"], "--remote-kvmm stays on this side");
        assert.deepEqual(sshArgv("a@b", other.forward, other.global.remoteKvmm), ["ssh", "--", "a@b", "'/opt/kvm manager/kvmm' list --json"]);
        assert.strictEqual(usage(["--remote-kvmm", "/x", "list"]), "--remote-kvmm applies only with --host");
        assert.strictEqual(shellQuote("$(reboot)"), "'$(reboot)'");
        assert.strictEqual(shellQuote("web-01.example"), "web-01.example");
        assert.strictEqual(shellQuote(""), "''");
    });

    QUnit.test("name globs", assert => {
        assert.true(globToRegExp("web-*").test("web-01"));
        assert.false(globToRegExp("web-*").test("db-web-01"), "the whole name");
        assert.true(globToRegExp("vm-?").test("vm-1"));
        assert.false(globToRegExp("vm-?").test("vm-10"));
        assert.true(globToRegExp("vm-[0-4]").test("vm-3"));
        assert.false(globToRegExp("vm-[!0-4]").test("vm-3"));
        assert.true(globToRegExp("a.b+(c)").test("a.b+(c)"), "regular expression characters are literal");
        assert.false(globToRegExp("a.b").test("axb"));
        assert.true(globToRegExp("x[").test("x["), "an unclosed bracket is literal");
    });

    QUnit.test("tables and JSON", assert => {
        assert.strictEqual(table(["A", "LONG"], [["wide cell", "x"], ["b", ""]]), "A          LONG\nwide cell  x\nb          \n");
        const vms = [
            { name: "vm10", state: "running" as const, persistent: true, vcpus: 2, memoryKiB: 1048576, maxMemoryKiB: 2097152 },
            { name: "vm9", state: "shutoff" as const, persistent: false, vcpus: 1, memoryKiB: 524288, maxMemoryKiB: 524288 },
        ];
        assert.deepEqual(listText(vms).split("\n").map(l => l.split(/\s{2,}/)), [
            ["NAME", "STATE", "VCPUS", "MEMORY"], ["vm9", "Shut off", "1", "512 MiB"], ["vm10", "Running", "2", "1 GiB"], [""],
        ], "natural name order");
        assert.deepEqual((listJson(vms) as { name: string }[]).map(v => Object.keys(v)), [
            ["name", "state", "persistent", "vcpus", "memoryKiB", "maxMemoryKiB"], ["name", "state", "persistent", "vcpus", "memoryKiB", "maxMemoryKiB"],
        ], "the documented keys");
    });

    QUnit.test("help and man page are made from the same text", assert => {
        const help = helpText();
        const man = manPage("1.2.3");
        for (const c of COMMANDS) {
            assert.true(help.includes(`kvmm ${c.synopsis}`), c.synopsis);
            assert.true(man.includes(c.synopsis.replace(/-/g, "\\-")), `man: ${c.synopsis}`);
        }
        assert.true(man.startsWith('.TH KVMM 1 "" "kvmm 1.2.3"'));
        assert.false(/^[.'](?!TH|SH|TP|B |BR|RS|RE|PP)/m.test(man), "no text line starts a roff request");
    });
});

QUnit.module("kvmm's D-Bus values", () => {
    const node = (signature: string) => {
        const [first] = parseSignature(signature);
        if (!first) throw new Error(signature);
        return first;
    };

    QUnit.test("replies in cockpit.dbus's form: dictionaries, variants, structs, bytes", assert => {
        // GetAllDomainStats' a(sa{sv}) as dbus-native unmarshals it.
        const stats = [["vm1", [["state.state", [[{ type: "i", child: [] }], [1]]], ["balloon.current", [[{ type: "t", child: [] }], [65536]]]]]];
        assert.deepEqual(toCockpitValue(node("a(sa{sv})"), stats), [["vm1", { "state.state": { t: "i", v: 1 }, "balloon.current": { t: "t", v: 65536 } }]]);
        const nested = [[{ type: "v", child: [] }], [[[{ type: "s", child: [] }], ["x"]]]];
        assert.deepEqual(toCockpitValue(node("v"), nested), { t: "v", v: { t: "s", v: "x" } }, "a variant in a variant (GetAll's extra layer)");
        assert.deepEqual(toCockpitValue(node("ay"), Buffer.from("hi")), "aGk=");
        assert.deepEqual(toCockpitValue(node("as"), ["a", "b"]), ["a", "b"]);
    });

    QUnit.test("arguments from cockpit.dbus's form", assert => {
        assert.deepEqual(fromCockpitValue(node("v"), { t: "s", v: "x" }), ["s", "x"]);
        assert.deepEqual(fromCockpitValue(node("a{sv}"), { a: { t: "u", v: 1 } }), [["a", ["u", 1]]]);
        assert.strictEqual((fromCockpitValue(node("ay"), "aGk=") as Buffer).toString(), "hi");
        assert.strictEqual(fromCockpitValue(node("u"), 7), 7);
    });
});
