import QUnit from "qunit";

import { parseArgs, UsageError } from "../../src/cli/args.ts";
import { parseDfAvailable } from "../../src/host/browser-files.ts";
import { externalDownloadUrl } from "../../src/lib/external-channel.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { uploadFileName, uploadSpaceNeeded } from "../../src/operations/export-import/browser-transfer.ts";
import { rewriteBundleXml } from "../../src/operations/export-import/bundle.ts";
import { formatOfFileName } from "../../src/operations/export-import/export-vm.ts";
import { importKind, nameFromFile } from "../../src/operations/export-import/import-source.ts";
import { addInterfaces } from "../../src/operations/export-import/more-interfaces.ts";

const XML = `<domain type="qemu">
  <name>web</name>
  <uuid>2f1e5a52-0b7a-4d3a-9b0e-6d1c1c1c1c1c</uuid>
  <memory unit="MiB">512</memory>
  <vcpu>2</vcpu>
  <os firmware="efi"><type arch="x86_64" machine="q35">hvm</type><nvram>/var/lib/libvirt/qemu/nvram/web_VARS.fd</nvram></os>
  <devices>
    <disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="p" volume="web.img"/><backingStore/><target dev="vda" bus="virtio"/></disk>
    <disk type="file" device="cdrom"><source file="/iso/x.iso"/><target dev="sda" bus="sata"/><readonly/></disk>
    <interface type="network"><mac address="52:54:00:11:22:33"/><source network="lan"/><model type="virtio"/></interface>
    <interface type="user"><mac address="52:54:00:11:22:34"/></interface>
    <serial type="pty"><log file="/var/log/libvirt/qemu/web-serial.log" append="off"/><target port="0"/></serial>
  </devices>
</domain>`;

QUnit.module("Export and import", () => {
    QUnit.test("a bundle's XML gets the new name and volumes, and loses its identity", assert => {
        const xml = rewriteBundleXml(XML, { name: "web-copy", network: "default", disks: new Map([["vda", { path: "/pool/web-copy-disk1.qcow2", format: "qcow2" }]]) });
        const d = parseDomainXml(xml);
        assert.strictEqual(d.name, "web-copy");
        assert.strictEqual(d.uuid, "", "libvirt makes a new UUID");
        assert.false(xml.includes("nvram"), "libvirt makes new NVRAM");
        assert.deepEqual(d.disks.map(x => [x.target, x.sourceType, x.path, x.format]),
                         [["vda", "file", "/pool/web-copy-disk1.qcow2", "qcow2"], ["sda", "file", "/iso/x.iso", undefined]]);
        assert.false(xml.includes("backingStore"));
        assert.deepEqual(d.interfaces.map(i => [i.type, i.source, i.mac]), [["network", "default", ""], ["user", "", ""]], "new MACs; the network chosen");
        assert.true(xml.includes("/var/log/libvirt/qemu/web-copy-serial.log"), "the serial log follows the name");
        assert.true(rewriteBundleXml(XML, { name: "b", disks: new Map() }).includes(`network="lan"`), "no network chosen: kept");
    });

    QUnit.test("extra NICs copy the first", assert => {
        const xml = `<domain><name>x</name><devices><disk/><interface type="network"><source network="n"/></interface><serial/></devices></domain>`;
        assert.strictEqual(addInterfaces(xml, 0), xml);
        assert.deepEqual(parseDomainXml(addInterfaces(xml, 2)).interfaces.map(i => i.source), ["n", "n", "n"]);
    });

    QUnit.test("file names", assert => {
        assert.strictEqual(formatOfFileName("/a/b.OVA"), "ova");
        assert.strictEqual(formatOfFileName("/a/b.tar"), "bundle");
        assert.strictEqual(formatOfFileName("/a/b.zip"), undefined);
        assert.deepEqual(["/x.ova", "/x.tar", "/x.ovf", "/x.vmdk", "/x.vdi"].map(importKind), ["archive", "archive", "ovf", "disk", "disk"]);
        assert.strictEqual(nameFromFile("/images/my vm.vmdk"), "my vm");
    });

    QUnit.test("kvmm export and import command lines", assert => {
        assert.deepEqual(parseArgs(["export", "vm", "/t/vm.ova", "--snapshot", "s1"]).command,
                         { kind: "export", vm: "vm", file: "/t/vm.ova", format: "ova", snapshot: "s1", compress: false });
        assert.deepEqual(parseArgs(["export", "vm", "b.tar", "--compress"]).command, { kind: "export", vm: "vm", file: "b.tar", format: "bundle", compress: true });
        assert.throws(() => parseArgs(["export", "vm", "vm.zip"]), (e: Error) => e instanceof UsageError && /must end in \.ova .* or \.tar/.test(e.message));
        assert.throws(() => parseArgs(["export", "vm", "vm.ova", "--compress"]), /--compress applies to a \.tar bundle only/);
        assert.deepEqual(parseArgs(["export", "vm", "vm.ova", "--ovf-version", "2.0"]).command,
                         { kind: "export", vm: "vm", file: "vm.ova", format: "ova", compress: false, ovfVersion: "2.0" });
        assert.throws(() => parseArgs(["export", "vm", "vm.ova", "--ovf-version", "3"]), /--ovf-version takes 1\.0 or 2\.0, not 3/);
        assert.throws(() => parseArgs(["export", "vm", "b.tar", "--ovf-version", "2.0"]), /--ovf-version applies to an \.ova only/);
        assert.deepEqual(parseArgs(["export", "vm", "vm.tar", "--pool", "default"]).command,
                         { kind: "export", vm: "vm", file: "vm.tar", pool: "default", format: "bundle", compress: false });
        assert.throws(() => parseArgs(["export", "vm", "/t/vm.ova", "--pool", "default"]), /with --pool, FILE is a file name in the pool, not a path/);
        assert.deepEqual(parseArgs(["import", "x.ova"]).command, { kind: "import", file: "x.ova", pool: "default", diskFormat: "qcow2" });
        assert.deepEqual(parseArgs(["import", "x.ova", "--name", "n", "--pool", "p", "--network", "lan", "--format", "raw"]).command,
                         { kind: "import", file: "x.ova", name: "n", pool: "p", network: "lan", diskFormat: "raw" });
        assert.throws(() => parseArgs(["import", "x.ova", "--format", "vmdk"]), /--format needs qcow2 or raw/);
        assert.throws(() => parseArgs(["import", "x.ova", "--snapshot", "s"]), /--snapshot does not apply/);
    });

    QUnit.test("an uploaded file's name on the host: no directories, hidden names or control characters; no OVF", assert => {
        assert.strictEqual(uploadFileName("web server.ova"), "web server.ova");
        assert.strictEqual(uploadFileName("C:\\Users\\me\\vm.vmdk"), "vm.vmdk");
        assert.strictEqual(uploadFileName("../../etc/passwd"), "passwd");
        assert.strictEqual(uploadFileName("..hidden.tar"), "hidden.tar");
        assert.strictEqual(uploadFileName("a\u0007b\n.qcow2"), "ab.qcow2");
        assert.strictEqual(uploadFileName("..."), "upload");
        assert.throws(() => uploadFileName("vm.OVF"), /upload an OVA/);
    });

    QUnit.test("an upload needs its size, and an archive twice that (it is unpacked beside itself)", assert => {
        assert.strictEqual(uploadSpaceNeeded("vm.ova", 100), 200);
        assert.strictEqual(uploadSpaceNeeded("vm.tar", 100), 200);
        assert.strictEqual(uploadSpaceNeeded("disk.vmdk", 100), 100);
    });

    QUnit.test("df's available bytes", assert => {
        assert.strictEqual(parseDfAvailable("    Avail\n 41943040\n"), 41943040);
        assert.throws(() => parseDfAvailable("df: /nope: No such file or directory\n"), /df said/);
    });

    QUnit.test("a download URL: the external channel over HTTP with fsread1, the size and the file name", assert => {
        const transport = { csrf_token: "tok", host: "h1", uri: (suffix?: string) => `wss://example:9090/cockpit/${suffix ?? ""}` };
        const url = externalDownloadUrl(transport, { path: "/var/tmp/.kvmm-work-x/vm.ova", name: "vm ä.ova", size: 1234, superuser: "try" });
        const [base = "", query = ""] = url.split("?");
        assert.strictEqual(base, "https://example:9090/cockpit/channel/tok");
        const options = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(query), c => c.charCodeAt(0)))) as Record<string, unknown>;
        assert.deepEqual(options, {
            payload: "fsread1", binary: "raw", path: "/var/tmp/.kvmm-work-x/vm.ova", max_read_size: 1234, superuser: "try", host: "h1",
            external: { "content-disposition": "attachment; filename=\"vm _.ova\"; filename*=UTF-8''vm%20%C3%A4.ova", "content-type": "application/octet-stream" },
        });
    });
});
