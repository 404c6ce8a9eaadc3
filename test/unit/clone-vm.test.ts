import QUnit from "qunit";

import { parseArgs } from "../../src/cli/args.ts";
import { progressControl, transferText } from "../../src/cli/progress.ts";
import { cloneDomainXml, hasEmulatedTpm, nvramPath, overlayVolumeXml, snapshotDomainXml } from "../../src/libvirt/clone-xml.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { documentElement } from "../../src/libvirt/xml.ts";
import { checkCloneChoices, checkCloneName, type CloneOptions, proposeCloneName } from "../../src/operations/clone/options.ts";
import { isSeedPath, minimalUserData, userDataForClone } from "../../src/operations/clone/seed.ts";
import { usage } from "./cli-usage.ts";

const SOURCE = `<domain type='qemu'>
  <name>web &amp; db</name>
  <uuid>0a9f5c3e-1111-2222-3333-444455556666</uuid>
  <title>keep me</title>
  <metadata><libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo></metadata>
  <memory unit='KiB'>131072</memory>
  <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>
    <nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'>/var/lib/libvirt/qemu/nvram/web &amp; db_VARS.fd</nvram>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='/var/lib/libvirt/images/web.qcow2'/>
      <backingStore type='file'><format type='raw'/><source file='/base.img'/></backingStore>
      <target dev='vda' bus='virtio'/>
      <boot order='1'/>
    </disk>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='raw'/>
      <source pool='data' volume='web-data'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/isos/debian.iso'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <disk type='file' device='cdrom'>
      <source file='/var/lib/libvirt/images/web-cidata.iso'/>
      <target dev='sdb' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='default'/>
      <target dev='vnet3'/>
      <model type='virtio'/>
    </interface>
    <interface type='bridge'><mac address='52:54:00:aa:bb:cd'/><source bridge='br0'/><model type='e1000e'/></interface>
    <serial type='pty'><log file='/var/log/libvirt/qemu/web &amp; db-serial.log' append='off'/><target port='0'/></serial>
    <console type='pty'><log file='/var/log/console.log'/><target type='serial' port='0'/></console>
    <channel type='unix'><source mode='bind' path='/var/lib/libvirt/qemu/channel/target/domain-3-web/org.qemu.guest_agent.0'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <channel type='unix'><source mode='bind' path='/srv/sockets/agent.sock'/><target type='virtio' name='org.example.0'/></channel>
    <graphics type='vnc' port='5907' autoport='no' listen='127.0.0.1'/>
    <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>
  </devices>
</domain>`;

const CLONE = cloneDomainXml(SOURCE, {
    sourceName: "web & db",
    name: "web <2>",
    disks: [
        { target: "vda", path: "/pool/web_2_.qcow2", format: "qcow2" },
        { target: "vdb", path: "/dev/vg/web_2_-vdb", format: "raw", block: true },
        { target: "sdb", path: "/pool/web_2_-cidata.iso", format: "raw" },
    ],
    nvram: "/var/lib/libvirt/qemu/nvram/web <2>_VARS.fd",
});

QUnit.module("Clone XML", () => {
    QUnit.test("a new machine: name, no UUID, no MACs, its own disks, the shared ISO kept", assert => {
        const config = parseDomainXml(CLONE);
        assert.strictEqual(config.name, "web <2>");
        assert.strictEqual(config.uuid, "", "libvirt gives it a UUID of its own");
        assert.deepEqual(config.interfaces.map(i => i.mac), ["", ""], "libvirt gives each NIC a new MAC");
        assert.deepEqual(config.interfaces.map(i => i.source), ["default", "br0"], "the NICs stay on their networks");
        assert.false(CLONE.includes("vnet3"), "the source's host-side device name is not taken over");
        const [vda, vdb, iso, seed] = config.disks;
        assert.deepEqual([vda?.sourceType, vda?.path, vda?.format, vda?.cache], ["file", "/pool/web_2_.qcow2", "qcow2", "none"]);
        assert.deepEqual([vdb?.sourceType, vdb?.path, vdb?.format, vdb?.pool], ["block", "/dev/vg/web_2_-vdb", "raw", undefined]);
        assert.strictEqual(iso?.path, "/isos/debian.iso", "the installer ISO is shared, not copied");
        assert.true(iso?.readonly);
        assert.deepEqual([seed?.path, seed?.device], ["/pool/web_2_-cidata.iso", "cdrom"]);
        assert.false(CLONE.includes("backingStore"), "the source's backing chain is not described for the copy");
        assert.true(CLONE.includes("<boot order=\"1\"></boot>") || CLONE.includes("<boot order=\"1\"/>"), "the boot order stays");
        assert.strictEqual(config.title, "keep me");
        assert.strictEqual(config.osId, "http://debian.org/debian/12");
    });

    QUnit.test("NVRAM, ports, sockets and logs are the clone's own", assert => {
        assert.strictEqual(nvramPath(CLONE), "/var/lib/libvirt/qemu/nvram/web <2>_VARS.fd");
        assert.true(CLONE.includes("template=\"/usr/share/OVMF/OVMF_VARS_4M.fd\""), "the template stays");
        assert.strictEqual(nvramPath(SOURCE), "/var/lib/libvirt/qemu/nvram/web & db_VARS.fd");
        const withoutPath = cloneDomainXml(SOURCE, { sourceName: "web & db", name: "x", disks: [] });
        assert.strictEqual(nvramPath(withoutPath), undefined, "without a path given, libvirt names it: the source's is never shared");
        const graphics = parseDomainXml(CLONE).graphics[0];
        assert.strictEqual(graphics?.autoport, true, "a fixed VNC port becomes automatic");
        assert.false(CLONE.includes("5907"));
        assert.true(CLONE.includes("/var/log/libvirt/qemu/web &lt;2&gt;-serial.log"), "the serial log is named after the clone");
        assert.true(CLONE.includes("/var/log/web &lt;2&gt;-console.log"), "a log not named after the source gets the clone's name");
        assert.false(CLONE.includes("domain-3-web"), "libvirt names the agent channel's socket again");
        assert.true(CLONE.includes("/srv/sockets/agent.sock"), "a socket the user chose stays");
        assert.true(hasEmulatedTpm(CLONE));
        assert.false(hasEmulatedTpm("<domain><devices><tpm model='tpm-tis'><backend type='passthrough'/></tpm></devices></domain>"));
    });

    QUnit.test("a snapshot's saved configuration is preferred over its live one", assert => {
        const running = `<domainsnapshot><name>s</name><state>running</state>
          <domain type='qemu' id='4'><name>vm</name><memory unit='KiB'>1</memory><devices><graphics type='vnc' port='5901'/></devices></domain>
          <inactiveDomain type='qemu'><name>vm</name><memory unit='KiB'>2</memory><devices/></inactiveDomain></domainsnapshot>`;
        const saved = parseDomainXml(snapshotDomainXml(running));
        assert.deepEqual([saved.name, saved.memoryKiB, saved.type], ["vm", 2, "qemu"]);
        const off = `<domainsnapshot><name>s</name><state>shutoff</state><domain type='kvm'><name>vm</name><memory unit='KiB'>3</memory></domain></domainsnapshot>`;
        assert.strictEqual(parseDomainXml(snapshotDomainXml(off)).memoryKiB, 3);
        assert.throws(() => snapshotDomainXml("<domainsnapshot><name>s</name></domainsnapshot>"), /no domain definition/);
    });

    QUnit.test("a linked clone's volume is a qcow2 overlay on the source's image", assert => {
        const volume = documentElement(overlayVolumeXml("c.qcow2", 1073741824, { path: "/img/a&b.img", format: "raw" }), "volume");
        assert.deepEqual(volume, {
            name: "c.qcow2",
            capacity: { "@_unit": "bytes", "#text": "1073741824" },
            target: { format: { "@_type": "qcow2" } },
            backingStore: { path: "/img/a&b.img", format: { "@_type": "raw" } },
        });
    });
});

const OPTIONS: CloneOptions = { source: "web", name: "web-clone", linked: false, start: false };

QUnit.module("Clone choices", () => {
    QUnit.test("a free name is proposed; bad and taken names are refused in words", assert => {
        assert.strictEqual(proposeCloneName("web", ["db"]), "web-clone");
        assert.strictEqual(proposeCloneName("web", ["web-clone", "web-clone-2"]), "web-clone-3");
        assert.strictEqual(checkCloneName("web-clone", ["web"]), null);
        assert.strictEqual(checkCloneName("web", ["web"]), "A virtual machine named web already exists.");
        assert.strictEqual(checkCloneName("a/b", []), "A name cannot contain '/'.");
        assert.strictEqual(checkCloneName(" ", []), "Enter a name.");
        assert.true(checkCloneName("x".repeat(201), [])?.includes("too long"));
    });

    QUnit.test("a running source is copied from a snapshot only; a linked clone only from a shut-off one", assert => {
        assert.deepEqual(checkCloneChoices(OPTIONS, false), []);
        assert.true(checkCloneChoices(OPTIONS, true)[0]?.includes("web is running: its disks are being written"));
        assert.deepEqual(checkCloneChoices({ ...OPTIONS, newSnapshot: true }, true), []);
        assert.deepEqual(checkCloneChoices({ ...OPTIONS, snapshot: "s1" }, true), [], "an existing snapshot does not change");
        assert.true(checkCloneChoices({ ...OPTIONS, linked: true }, true)[0]?.includes("must not change"));
        assert.true(checkCloneChoices({ ...OPTIONS, linked: true, snapshot: "s1" }, false)[0]?.includes("not on a snapshot"));
        assert.strictEqual(checkCloneChoices({ ...OPTIONS, snapshot: "s1", newSnapshot: true }, true).length, 1);
    });
});

QUnit.module("Clone cloud-init seed", () => {
    QUnit.test("the user-data gets the clone's host name; comments and the rest stay", assert => {
        const source = "#cloud-config\n# made by KVM Manager\nhostname: web\nfqdn: web.example.com\nusers:\n  - name: ana\n    lock_passwd: true\n";
        assert.strictEqual(userDataForClone(source, "web-clone"),
                           "#cloud-config\n# made by KVM Manager\nhostname: web-clone\nfqdn: web-clone.example.com\nusers:\n  - name: ana\n    lock_passwd: true\n");
        const noName = "#cloud-config\npackages: [nginx]\n";
        assert.strictEqual(userDataForClone(noName, "x"), noName, "no host name is added where it had none (meta-data gives it)");
        assert.strictEqual(userDataForClone("#!/bin/sh\necho hi\n", "x"), "#!/bin/sh\necho hi\n", "a script is left as it is");
        assert.strictEqual(userDataForClone("#cloud-config\n: [\n", "x"), "#cloud-config\n: [\n", "YAML it cannot read is left as it is");
        assert.strictEqual(minimalUserData("web-clone"), "#cloud-config\nhostname: web-clone\n");
        assert.true(isSeedPath("/var/lib/libvirt/images/web-2-cidata.iso"));
        assert.false(isSeedPath("/isos/debian.iso"));
        assert.false(isSeedPath(undefined));
    });
});

QUnit.module("kvmm clone", () => {

    QUnit.test("its command line", assert => {
        assert.deepEqual(parseArgs(["clone", "web", "web-2"]).command, {
            kind: "clone", options: { source: "web", name: "web-2", linked: false, start: false, newSnapshot: false, snapshot: undefined, pool: undefined },
        });
        assert.deepEqual(parseArgs(["clone", "web", "web-2", "--linked", "--pool", "fast", "--start", "--json"]).command, {
            kind: "clone", options: { source: "web", name: "web-2", linked: true, start: true, newSnapshot: false, snapshot: undefined, pool: "fast" },
        });
        assert.deepEqual(parseArgs(["clone", "web", "web-2", "--snapshot=before upgrade"]).command, {
            kind: "clone", options: { source: "web", name: "web-2", linked: false, start: false, newSnapshot: false, snapshot: "before upgrade", pool: undefined },
        });
        assert.strictEqual(usage(["clone", "web"]), "usage: kvmm clone SOURCE NAME [--linked] [--snapshot NAME | --new-snapshot] [--pool POOL] [--start]");
        assert.strictEqual(usage(["clone", "web", "x", "--snapshot", "s", "--new-snapshot"]), "--snapshot and --new-snapshot do not go together");
        assert.strictEqual(usage(["clone", "web", "x", "--storage"]), "--storage does not apply to this command");
        assert.strictEqual(usage(["list", "--linked"]), "--linked does not apply to this command");
        assert.strictEqual(usage(["clone", "web", "x", "--pool"]), "--pool needs a value");
    });

    QUnit.test("progress on standard error: steps as lines, a copy every tenth (or in place on a terminal)", assert => {
        const lines: string[] = [];
        const control = progressControl({ err: text => lines.push(text) });
        control.onProgress?.("Copying disk vda (1 of 1)");
        const GiB = 1024 ** 3;
        for (const done of [0, 0.05, 0.1, 0.15, 0.5, 1]) control.onTransfer?.({ step: "Copying disk vda (1 of 1)", doneBytes: done * GiB, totalBytes: GiB });
        assert.deepEqual(lines.slice(0, 3), ["Copying disk vda (1 of 1)\n", "Copying disk vda (1 of 1): 0% (0 B of 1 GiB)\n", "Copying disk vda (1 of 1): 10% (102 MiB of 1 GiB)\n"]);
        assert.strictEqual(lines.length, 5, "one line per tenth reached");
        assert.strictEqual(transferText({ step: "Copying", doneBytes: GiB / 4, totalBytes: GiB, bytesPerSecond: 50 * 1024 ** 2, secondsLeft: 15 }),
                           "Copying: 25% (256 MiB of 1 GiB, 50 MiB/s, 15 s left)");
        const tty: string[] = [];
        const inPlace = progressControl({ err: text => tty.push(text), terminal: true });
        inPlace.onTransfer?.({ step: "Copying", doneBytes: 1, totalBytes: 2 });
        inPlace.onProgress?.("Defining the clone");
        assert.deepEqual(tty, ["\rCopying: 50% (1 B of 2 B)\x1b[K", "\n", "Defining the clone\n"]);
    });
});
