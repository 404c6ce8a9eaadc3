import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import QUnit from "qunit";

import { interfaces, linkState } from "../../../agent/src/methods/net-interfaces.ts";
import { offsetMinutes, type TimeZoneSources, zoneName } from "../../../agent/src/methods/time-zone.ts";

QUnit.module("agent guest.get_info", () => {
    QUnit.test("link state from sysfs flags and carrier", assert => {
        assert.strictEqual(linkState("0x1003\n", "1\n"), "up");
        assert.strictEqual(linkState("0x1003\n", "0\n"), "no-carrier", "enabled, no link: an unplugged NIC");
        assert.strictEqual(linkState("0x1002\n", ""), "down", "disabled in the guest (carrier cannot be read then)");
        assert.strictEqual(linkState("0x9\n", ""), "unknown", "up, carrier unreadable");
        assert.strictEqual(linkState("", ""), "unknown", "flags unreadable");
        assert.strictEqual(linkState("zz", "1"), "unknown");
    });

    QUnit.test("every interface in sysfs is listed, with or without addresses", assert => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "kvmm-sysnet-"));
        try {
            const iface = (name: string, files: Record<string, string>) => {
                mkdirSync(path.join(dir, name));
                for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, name, file), text);
            };
            iface("kvmmu-nic1", { address: "52:54:00:aa:bb:02\n", flags: "0x1002\n" });
            iface("kvmmu-nic0", { address: "52:54:00:aa:bb:01\n", flags: "0x1003\n", carrier: "0\n" });
            // Names this machine does not have (browser tests make kvmmt- bridges), and one Node lists
            // too: its addresses are kept.
            const nodeName = Object.keys(os.networkInterfaces())[0];
            if (nodeName) iface(nodeName, { address: "00:00:00:00:00:00\n", flags: "0x9\n", carrier: "1\n" });
            const found = interfaces(dir);
            const names = found.map(i => i.name);
            assert.deepEqual(names.filter(n => n.startsWith("kvmmu-")), ["kvmmu-nic0", "kvmmu-nic1"], "sorted, none left out");
            assert.deepEqual(found.find(i => i.name === "kvmmu-nic0"), { name: "kvmmu-nic0", mac: "52:54:00:aa:bb:01", state: "no-carrier", addresses: [] });
            assert.deepEqual(found.find(i => i.name === "kvmmu-nic1"), { name: "kvmmu-nic1", mac: "52:54:00:aa:bb:02", state: "down", addresses: [] });
            if (nodeName) {
                const own = found.find(i => i.name === nodeName);
                assert.strictEqual(own?.state, "up");
                assert.strictEqual(own?.addresses.length, os.networkInterfaces()[nodeName]?.length, "Node's addresses of it");
            }
            assert.deepEqual(interfaces(path.join(dir, "absent")).map(i => i.name).sort(), Object.keys(os.networkInterfaces()).sort(),
                "without sysfs: what Node sees");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    QUnit.test("time zone: where timedatectl looks, checked against ICU", assert => {
        const none: TimeZoneSources = { tz: undefined, localtimeLink: undefined, timezoneFile: "", startZone: "Etc/UTC" };
        assert.strictEqual(zoneName(none), "Etc/UTC", "nothing set: the zone Node started with");
        assert.strictEqual(zoneName({ ...none, localtimeLink: "../usr/share/zoneinfo/Asia/Kolkata" }), "Asia/Kolkata", "relative link");
        assert.strictEqual(zoneName({ ...none, localtimeLink: "/usr/share/zoneinfo/America/Argentina/Buenos_Aires" }),
            "America/Argentina/Buenos_Aires", "a zone name with two slashes");
        assert.strictEqual(zoneName({ ...none, tz: ":Europe/Berlin", localtimeLink: "/usr/share/zoneinfo/Asia/Kolkata" }), "Europe/Berlin", "TZ first");
        assert.strictEqual(zoneName({ ...none, timezoneFile: "Pacific/Auckland\n" }), "Pacific/Auckland", "/etc/timezone");
        assert.strictEqual(zoneName({ ...none, localtimeLink: "/usr/share/zoneinfo/Not/A_Zone<&>", timezoneFile: "Europe/Paris" }), "Europe/Paris",
            "a name ICU does not know is passed over");
        assert.strictEqual(zoneName({ ...none, localtimeLink: "/etc/somewhere-else" }), "Etc/UTC");
    });

    QUnit.test("UTC offsets, with summer time", assert => {
        assert.strictEqual(offsetMinutes("Asia/Kolkata", new Date("2026-01-15T12:00:00Z")), 330);
        assert.strictEqual(offsetMinutes("America/St_Johns", new Date("2026-01-15T12:00:00Z")), -210);
        assert.strictEqual(offsetMinutes("Europe/Berlin", new Date("2026-01-15T12:00:00Z")), 60);
        assert.strictEqual(offsetMinutes("Europe/Berlin", new Date("2026-07-15T12:00:00Z")), 120);
        assert.strictEqual(offsetMinutes("Etc/UTC", new Date()), 0);
        assert.strictEqual(offsetMinutes("No/Such_Zone", new Date()), 0);
    });
});
