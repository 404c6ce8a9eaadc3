import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { backupXml, checkpointXml, parseJobInfo } from "../../src/host/virsh-backup.ts";
import {
backupId,     type BackupManifest, backupSize, chainOf, isBackupId, type ListedBackup, manifestText, parseManifest, planBackup, pruneSelection,
} from "../../src/operations/backups/manifest.ts";
import { vmBackupDirectory } from "../../src/operations/backups/store.ts";
import { usage } from "./cli-usage.ts";

function manifest(id: string, parent?: string): BackupManifest {
    return {
        version: 1, id, vm: "web", kind: parent === undefined ? "full" : "incremental", ...(parent !== undefined ? { parent } : {}),
        time: "2026-12-04T10:00:00.000Z", checkpoint: `kvmm-${id}`, consistency: "agent",
        disks: [{ target: "vda", file: "vda.qcow2", virtualSize: 1024 }],
        files: [{ name: "vda.qcow2", sha256: "a".repeat(64), size: 300 }, { name: "domain.xml", sha256: "b".repeat(64), size: 20 }],
    };
}
const listed = (...ms: BackupManifest[]): ListedBackup[] => ms.map(m => ({ id: m.id, manifest: m }));

const F1 = "20261201T100000Z-full";
const I1 = "20261202T100000Z-incremental";
const I2 = "20261203T100000Z-incremental";
const F2 = "20261204T100000Z-full";
const I3 = "20261205T100000Z-incremental";

QUnit.module("backups", () => {
    QUnit.test("ids sort by time and say their kind", assert => {
        assert.strictEqual(backupId(new Date("2026-12-04T17:35:00.123Z"), "full"), "20261204T173500Z-full");
        assert.strictEqual(backupId(new Date("2026-12-04T17:35:00Z"), "incremental"), "20261204T173500Z-incremental");
        assert.true(isBackupId(F1));
        for (const bad of [".kvmm-work-abc", "20261204T173500Z-partial", "../20261204T173500Z-full", "20261204T173500Z-full/x"]) assert.false(isBackupId(bad), bad);
    });

    QUnit.test("manifests: written and read back; anything else is refused in words", assert => {
        const m = manifest(I1, F1);
        assert.deepEqual(parseManifest(manifestText(m), I1), m);
        assert.strictEqual(backupSize(m), 320);
        assert.strictEqual(parseManifest("{", I1), "The manifest is not valid JSON");
        assert.strictEqual(parseManifest(manifestText(m), I2), "The manifest is not one of a KVM Manager backup", "a manifest moved to another backup's folder");
        const orphan: Partial<BackupManifest> = { ...m };
        delete orphan.parent;
        assert.strictEqual(parseManifest(JSON.stringify(orphan), I1), "The manifest of an incremental backup names no parent");
    });

    QUnit.test("chains: the full backup first; a missing or damaged link is named", assert => {
        const all = listed(manifest(F1), manifest(I1, F1), manifest(I2, I1));
        const chain = chainOf(all, I2);
        assert.deepEqual(typeof chain === "string" ? chain : chain.map(c => c.id), [F1, I1, I2]);
        const full = chainOf(all, F1);
        assert.deepEqual(typeof full === "string" ? full : full.map(c => c.id), [F1]);
        assert.strictEqual(chainOf(all, F2), `There is no backup ${F2}`);
        const broken: ListedBackup[] = [{ id: F1, problem: "The backup has no manifest" }, { id: I1, manifest: manifest(I1, F1) }];
        assert.strictEqual(chainOf(broken, I1), `Backup ${I1} builds on ${F1}, which is missing or damaged`);
        assert.strictEqual(chainOf(listed(manifest(I1, I2), manifest(I2, I1)), I1), `The backups of ${I1} form a loop`);
    });

    QUnit.test("incremental only from the newest backup's checkpoint, of a running VM with the same disks", assert => {
        const all = listed(manifest(F1), manifest(I1, F1));
        const checkpoints = [`kvmm-${F1}`, `kvmm-${I1}`];
        const plan = planBackup(all, checkpoints, true, false, ["vda"]);
        assert.strictEqual(plan.kind, "incremental");
        assert.strictEqual(plan.parent?.id, I1, "builds on the newest backup");
        assert.deepEqual(planBackup(all, checkpoints, true, true, ["vda"]), { kind: "full" }, "--full");
        assert.strictEqual(planBackup([], [], true, false, ["vda"]).note, "There is no earlier backup: this one is full");
        assert.strictEqual(planBackup(all, checkpoints, false, false, ["vda"]).kind, "full", "shut off: copied whole");
        assert.strictEqual(planBackup(all, [`kvmm-${F1}`], true, false, ["vda"]).note,
                           "The virtual machine no longer has the checkpoint of the last backup: this one is full");
        assert.strictEqual(planBackup(all, checkpoints, true, false, ["vda", "vdb"]).note, "The disks changed since the last backup: this one is full");
        const damagedNewest: ListedBackup[] = [...all, { id: I2, problem: "The manifest is not valid JSON" }];
        assert.strictEqual(planBackup(damagedNewest, checkpoints, true, false, ["vda"]).parent?.id, I1, "a damaged backup is never built on");
    });

    QUnit.test("prune keeps the newest N full backups with their incremental ones, and leaves broken ones alone", assert => {
        const all = listed(manifest(F1), manifest(I1, F1), manifest(I2, I1), manifest(F2), manifest(I3, F2));
        assert.deepEqual(pruneSelection(all, 1), [F1, I1, I2]);
        assert.deepEqual(pruneSelection(all, 2), []);
        const orphan = listed(manifest(F2), manifest(I3, "20261130T100000Z-full"));
        assert.deepEqual(pruneSelection(orphan, 1), [], "an incremental backup whose full one is gone is not deleted silently");
    });

    QUnit.test("libvirt's backup and checkpoint XML, and domjobinfo", assert => {
        const disks = [{ target: "vda", file: "/b/.kvmm-work-x/vda.qcow2" }, { target: "vdz" }];
        const flat = (xml: string) => xml.replace(/>\s+</g, "><").trim();
        const xml = flat(backupXml(disks, "kvmm-a&b"));
        assert.true(xml.includes('<domainbackup mode="push"><incremental>kvmm-a&amp;b</incremental>'), xml);
        assert.true(xml.includes('<disk name="vda" backup="yes" type="file"><target file="/b/.kvmm-work-x/vda.qcow2"/><driver type="qcow2"/></disk>'), xml);
        assert.true(xml.includes('<disk name="vdz" backup="no"/>'), xml);
        assert.false(backupXml(disks, undefined).includes("incremental"));
        assert.strictEqual(flat(checkpointXml("kvmm-1", disks)),
                           '<domaincheckpoint><name>kvmm-1</name><disks><disk name="vda" checkpoint="bitmap"/><disk name="vdz" checkpoint="no"/></disks></domaincheckpoint>');
        const info = parseJobInfo("Job type:         Completed   \nOperation:        Backup      \nTime elapsed:     965          ms\n");
        assert.strictEqual(info.get("Job type"), "Completed");
        assert.strictEqual(info.get("Operation"), "Backup");
    });

    QUnit.test("kvmm backup: commands, and what it refuses", assert => {
        assert.deepEqual(parseArgs(["backup", "web", "--target", "/srv/b", "--full"]).command, { kind: "backup-create", vm: "web", full: true, target: "/srv/b" });
        assert.deepEqual(parseArgs(["backup", "list", "web"]).command, { kind: "backup-list", vm: "web" });
        assert.deepEqual(parseArgs(["backup", "verify", "web", F1]).command, { kind: "backup-verify", vm: "web", id: F1 });
        assert.deepEqual(parseArgs(["backup", "restore", "web", F1, "--as", "web2", "--pool", "fast"]).command,
                         { kind: "backup-restore", vm: "web", id: F1, name: "web2", pool: "fast" });
        assert.deepEqual(parseArgs(["backup", "prune", "web", "--keep", "3"]).command, { kind: "backup-prune", vm: "web", keep: 3 });
        assert.strictEqual(usage(["backup", "restore", "web", F1]), "--as NEWNAME is needed: a backup is restored as a new virtual machine");
        assert.strictEqual(usage(["backup", "prune", "web"]), "--keep N is needed: how many full backups (with their incremental ones) to keep");
        assert.strictEqual(usage(["backup", "prune", "web", "--keep", "0"]), "--keep needs a whole number of at least 1, not 0");
        assert.strictEqual(usage(["backup", "list", "web", "--full"]), "--full does not apply to this command");
        assert.true(usage(["backup"]).startsWith("usage:\n  kvmm backup VM"));
        assert.strictEqual(vmBackupDirectory("web", undefined), "/var/lib/kvm-manager/backups/web");
        assert.strictEqual(vmBackupDirectory("web", "/srv/b/"), "/srv/b/web");
    });
});
