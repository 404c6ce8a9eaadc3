import QUnit from "qunit";
import { parse } from "yaml";

import { installCmdline, treeBaseUrl, treeinfoLayout } from "../../src/host/install-tree.ts";
import { parseDomainCapabilities } from "../../src/libvirt/domain-capabilities.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { downloadedInstallFiles, withoutKernelBoot } from "../../src/libvirt/kernel-boot.ts";
import { buildNewDomainXml } from "../../src/libvirt/new-domain-xml.ts";
import { buildMetaData, buildUserData, checkCloudInit, checkUserData, hostnameFor, initialCloudInit } from "../../src/operations/create-vm/cloud-init.ts";
import { checkForm, checkResourcesStep, checkSourceStep, formToSpec, initialForm } from "../../src/operations/create-vm/create-vm-form.ts";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmR5yHLH/jTQoSoqJ6gOwYJXbvm7yoYgxTYOEOqkDB1 me@host";
const HASH = "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/";
const LIMITS = { existingNames: new Set<string>(), hostMemoryKiB: 0, hostCpus: 0, maxVcpus: 0, poolAvailable: undefined, poolInactive: false };
const CAPS = parseDomainCapabilities(`<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>qemu</domain>
  <machine>pc-q35-7.2</machine><arch>x86_64</arch><vcpu max='8'/></domainCapabilities>`);

QUnit.module("Create VM install sources", () => {
    QUnit.test("generated user-data: #cloud-config first, the hash and keys, never a clear password", assert => {
        const text = buildUserData({ userName: "ana", passwordHash: HASH, sshKeys: [KEY], hostname: "web-1" });
        assert.true(text.startsWith("#cloud-config\n"), JSON.stringify(text.slice(0, 20)));
        const doc = parse(text) as { hostname: string; ssh_pwauth: boolean; users: Record<string, unknown>[] };
        assert.strictEqual(doc.hostname, "web-1");
        assert.true(doc.ssh_pwauth);
        assert.deepEqual(doc.users[0], { name: "ana", shell: "/bin/bash", sudo: "ALL=(ALL) ALL", lock_passwd: false, passwd: HASH, ssh_authorized_keys: [KEY] });

        const keysOnly = parse(buildUserData({ userName: "ana", passwordHash: undefined, sshKeys: [KEY], hostname: "h" })) as typeof doc;
        assert.strictEqual(keysOnly.users[0]?.passwd, undefined, "no password: none set");
        assert.strictEqual(keysOnly.users[0]?.lock_passwd, true);
        assert.false(keysOnly.ssh_pwauth);
    });

    QUnit.test("meta-data holds the instance id and host name, YAML-quoted where needed", assert => {
        assert.deepEqual(parse(buildMetaData("vm-1: x", "web-1")), { "instance-id": "vm-1: x", "local-hostname": "web-1" });
        assert.strictEqual(hostnameFor(`Web & "DB" 2`), "web-db-2");
        assert.strictEqual(hostnameFor("&&"), "localhost");
    });

    QUnit.test("custom user-data must be a #cloud-config mapping or a script", assert => {
        assert.strictEqual(checkUserData("#cloud-config\npackages: [htop]\n"), null);
        assert.strictEqual(checkUserData("#!/bin/sh\necho hi\n"), null);
        assert.strictEqual(checkUserData("#cloud-config\n"), null, "an empty document is fine");
        assert.true(checkUserData("packages: [htop]\n")?.includes("#cloud-config"), "no header");
        assert.true(checkUserData(" #cloud-config\n")?.includes("#cloud-config"), "the header must be the very first thing");
        assert.true(checkUserData("#cloud-config\npackages: [htop\n")?.includes("not valid YAML"), "broken YAML");
        assert.true(checkUserData("#cloud-config\n- a\n- b\n")?.includes("mapping"), "a list is not a cloud-config");
    });

    QUnit.test("cloud-init choices are checked", assert => {
        const ok = { ...initialCloudInit(), userName: "ana", sshKeys: `${KEY}\n\n` };
        assert.deepEqual(checkCloudInit(ok), []);
        assert.strictEqual(checkCloudInit({ ...ok, userName: "Ana Smith" }).length, 1, "bad user name");
        assert.strictEqual(checkCloudInit({ ...ok, sshKeys: "" }).length, 1, "no way to log in");
        assert.deepEqual(checkCloudInit({ ...ok, sshKeys: "", password: "pw" }), []);
        assert.true(checkCloudInit({ ...ok, sshKeys: "not a key" })[0]?.includes("not an SSH public key"));
        assert.true(checkCloudInit({ ...ok, hostname: "bad_host" })[0]?.includes("host name"));
        assert.deepEqual(checkCloudInit({ ...initialCloudInit(), customUserData: "#cloud-config\n{}\n" }), [], "custom user data needs no user");

        const form = { ...initialForm(), name: "vm", source: "cloud" as const, diskGiB: 0 };
        const problems = { ...checkSourceStep(form), ...checkResourcesStep(form, LIMITS) };
        assert.deepEqual(Object.keys(problems).sort(), ["cloudInit", "diskGiB", "sourcePath"], "no image and no disk, on their own steps");
        assert.true(problems.cloudInit?.includes("Enter a user name") && problems.cloudInit.includes("cannot log in"), "no user, no login");
        assert.strictEqual(checkForm(form, LIMITS).length, 3, "all of it when creating");
    });

    QUnit.test("install tree URLs and layouts", assert => {
        assert.strictEqual(treeBaseUrl("http://mirror/fedora/os"), "http://mirror/fedora/os/");
        assert.strictEqual(treeBaseUrl(" https://m/x/ "), "https://m/x/");
        assert.strictEqual(treeBaseUrl("file:///srv/tree"), null);
        assert.strictEqual(treeBaseUrl("mirror/fedora"), null);
        const treeinfo = "[general]\nfamily = Fedora\n\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\nboot.iso = images/boot.iso\n";
        assert.deepEqual(treeinfoLayout(treeinfo), { family: "redhat", kernel: "images/pxeboot/vmlinuz", initrd: "images/pxeboot/initrd.img" });
        assert.strictEqual(treeinfoLayout("[images-aarch64]\nkernel = a\ninitrd = b\n"), null, "no x86_64 images");
        assert.strictEqual(installCmdline({ family: "redhat", kernel: "k", initrd: "i" }, "http://m/os/", " inst.text "), "inst.repo=http://m/os/ inst.text");
        assert.strictEqual(installCmdline({ family: "debian", kernel: "k", initrd: "i" }, "http://m/debian/", ""), "", "Debian's installer asks for its mirror");
        const form = { ...initialForm(), name: "vm", source: "url" as const, treeUrl: "ftp:/" };
        assert.true(checkForm(form, LIMITS).some(p => p.includes("http://")), "a bad URL is refused");
    });

    QUnit.test("the new VM boots the seed as a CD-ROM, or the installer's kernel, then its disk", assert => {
        const cloud = { ...initialForm(), name: "vm", source: "cloud" as const, sourcePath: "/img/cloud.qcow2" };
        const d = parseDomainXml(buildNewDomainXml(formToSpec(cloud, CAPS, "/pool/vm.qcow2", { extraCdroms: ["/pool/vm-cidata.iso"] })));
        assert.deepEqual(d.disks.map(x => [x.device, x.path]), [["disk", "/pool/vm.qcow2"], ["cdrom", "/pool/vm-cidata.iso"]], "the copy, not the image, is the disk");
        assert.deepEqual(d.bootOrder, ["hd"]);

        const url = { ...initialForm(), name: "vm", source: "url" as const, treeUrl: "http://m/os/" };
        const kernelBoot = { kernel: "/var/lib/libvirt/boot/kvmm-install-vm-1-vmlinuz", initrd: "/var/lib/libvirt/boot/kvmm-install-vm-1-initrd", cmdline: "inst.repo=http://m/os/" };
        const xml = buildNewDomainXml(formToSpec(url, CAPS, "/pool/vm.qcow2", { kernelBoot }));
        const k = parseDomainXml(xml);
        assert.strictEqual(k.kernel, kernelBoot.kernel);
        assert.strictEqual(k.initrd, kernelBoot.initrd);
        assert.true(xml.includes("<cmdline>inst.repo=http://m/os/</cmdline>"), "the repository is on the kernel command line");
        assert.deepEqual(downloadedInstallFiles(k), [kernelBoot.kernel, kernelBoot.initrd], "the notice recognises its downloads");

        const after = withoutKernelBoot(xml);
        const a = parseDomainXml(after);
        assert.strictEqual(a.kernel, undefined);
        assert.false(after.includes("cmdline"), "no kernel arguments left");
        assert.deepEqual(a.bootOrder, ["hd"]);
        assert.deepEqual(a.disks.map(x => x.path), ["/pool/vm.qcow2"], "the rest is kept");
        assert.deepEqual(downloadedInstallFiles({ ...a, kernel: "/var/cache/guest/vmlinuz", initrd: "/var/cache/guest/initrd.img" }), [],
                         "a kernel the wizard did not download is left alone");
    });
});
