// The Create VM wizard's cloud image and network install tree sources against the real host:
// what the seed image and the new disk hold afterwards, the installer kernel booted from a
// tree served here, the boot-from-disk step after it, and refused sources leaving nothing.
import { execFile } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";

import type { Frame } from "puppeteer-core";
import QUnit from "qunit";
import { parse as parseYaml } from "yaml";

import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { enableAdminAccess } from "./lib/agent-guest.ts";
import { browserForModule, openPlugin, pluginFrame, waitFor } from "./lib/cockpit-session.ts";
import { closeWizard, reviewXml, submitWizard } from "./lib/create-vm-wizard.ts";
import { GUEST, isoFiles, serveTree, sha256, virtualSize } from "./lib/install-sources.ts";
import { cleanupTestDomains, createImage, domainExists, suiteMark, virsh } from "./lib/virsh.ts";
import { clickAction, confirmDialog, waitForNoRow, waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("create-src");
const POOL = `${MARK}-pool`;
const NET = `${MARK}-net0`;
const BOOT_DIR = "/var/lib/libvirt/boot";
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmR5yHLH/jTQoSoqJ6gOwYJXbvm7yoYgxTYOEOqkDB1 ana@laptop";
const PASSWORD = "Cloud-pw 42!";

interface Source {
    source: "cloud" | "url";
    path?: string;
    cloud?: { hostname?: string; user?: string; password?: string; keys?: string; userData?: string };
    url?: string;
    args?: string;
}

async function typeInto(frame: Frame, selector: string, text: string): Promise<void> {
    const field = await frame.waitForSelector(selector, { visible: true });
    await field?.click({ count: 3 });
    await field?.type(text);
}

/** Opens the wizard from the VM list and fills it in up to the review (or only up to the installation step). */
async function fillWizard(frame: Frame, name: string, s: Source, network = "", untilSource = false): Promise<void> {
    if (await frame.$("#create-vm-dialog")) await closeWizard(frame);
    await frame.evaluate(() => {
        window.location.hash = "#/";
        document.querySelectorAll<HTMLButtonElement>(".pf-v6-c-alert-group .pf-v6-c-alert__action button").forEach(b => b.click());
    });
    await (await frame.waitForSelector("#create-vm-button", { visible: true, timeout: 30_000 }))?.click();
    await typeInto(frame, "#create-vm-name", name);
    const next = (): Promise<void> => frame.click(".pf-v6-c-wizard__footer button.pf-m-primary");
    await next();
    await (await frame.waitForSelector(`#create-vm-source-${s.source}`, { visible: true }))?.click();
    if (s.path) await typeInto(frame, "#create-vm-source-path", s.path);
    if (s.cloud?.hostname) await typeInto(frame, "#create-vm-ci-hostname", s.cloud.hostname);
    if (s.cloud?.user) await typeInto(frame, "#create-vm-ci-user", s.cloud.user);
    if (s.cloud?.password) await typeInto(frame, "#create-vm-ci-password", s.cloud.password);
    if (s.cloud?.keys) await typeInto(frame, "#create-vm-ci-keys", s.cloud.keys);
    if (s.cloud?.userData) await typeInto(frame, "#create-vm-ci-user-data", s.cloud.userData);
    if (s.url) await typeInto(frame, "#create-vm-tree-url", s.url);
    if (s.args) await typeInto(frame, "#create-vm-tree-args", s.args);
    if (untilSource) return;
    await next();
    await typeInto(frame, "#create-vm-memory input", "256");
    await typeInto(frame, "#create-vm-disk input", "1");
    await frame.waitForSelector(`#create-vm-pool option[value="${POOL}"]`, { timeout: 30_000 });
    await frame.select("#create-vm-pool", POOL);
    if (network) await frame.waitForSelector(`#create-vm-network option[value="${network}"]`, { timeout: 30_000 });
    await frame.select("#create-vm-network", network);
    await frame.select("#create-vm-virt-type", "qemu");
    await next();
    await frame.waitForSelector("#create-vm-review", { visible: true });
}

async function wizardError(frame: Frame): Promise<string> {
    try {
        return await waitFor("the wizard's error", () => frame.$eval("#create-vm-error", el => (el as HTMLElement).innerText).catch(() => ""), 60_000);
    } catch (e) {
        // Say what the dialog shows instead.
        const shown = await frame.$eval("#create-vm-dialog", el => (el as HTMLElement).innerText).catch((x: unknown) => String(x));
        throw new Error(`${String(e)}: ${shown}`);
    }
}

async function poolVolumes(): Promise<string[]> {
    await virsh("pool-refresh", POOL);
    return (await virsh("vol-list", POOL)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean).sort();
}

function bootFiles(): string[] {
    try {
        return readdirSync(BOOT_DIR).filter(f => f.includes(MARK));
    } catch {
        return [];
    }
}

QUnit.module("Create VM install sources", hooks => {
    let image = "";
    let server: Server | undefined;
    const requests: string[] = [];
    let treeUrl = "";
    const cleanBootFiles = (): void => bootFiles().forEach(f => rmSync(`${BOOT_DIR}/${f}`, { force: true }));
    const ui = browserForModule(hooks, "create-vm-sources", {
        setUp: async () => {
            await cleanupTestDomains(MARK);
            await virsh("net-undefine", NET).catch(() => undefined);
            cleanBootFiles();
            image = await createImage(MARK, `${MARK}-cloudimg`);
            server = await serveTree(requests);
            treeUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/tree/`;
        },
        tearDown: async () => {
            server?.close();
            await cleanupTestDomains(MARK);
            await virsh("net-undefine", NET).catch(() => undefined);
            cleanBootFiles();
        },
    });

    /** Writing into the pool and libvirt's boot directory needs root: switch on administrative access once. */
    async function adminFrame(): Promise<Frame> {
        const session = ui();
        await enableAdminAccess(session.page);
        session.frame = await pluginFrame(session.page);
        return session.frame;
    }

    QUnit.test("a cloud image VM gets a copy of the image and a cidata seed with what was entered; deleting it removes both", async assert => {
        const frame = await adminFrame();
        const name = `${MARK}-cloud`;
        const imageHash = sha256(image);
        await fillWizard(frame, name, { source: "cloud", path: image, cloud: { hostname: "ci-host", user: "ana", password: PASSWORD, keys: KEY } });
        const preview = await reviewXml(frame);
        assert.true(preview.includes(`${name}-cidata.iso`), "the review shows the seed CD-ROM");
        assert.false(preview.includes(PASSWORD), "and never the password");
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 60_000);

        const d = parseDomainXml(await virsh("dumpxml", "--inactive", "--", name));
        const disk = d.disks.find(x => x.device === "disk");
        const seed = d.disks.find(x => x.device === "cdrom")?.path ?? "";
        assert.true(disk?.path?.endsWith(`/${MARK}/${name}.qcow2`), `the disk is a new volume in the pool: ${String(disk?.path)}`);
        assert.notStrictEqual(disk?.path, image, "the image itself is not the disk");
        assert.strictEqual(await virtualSize(disk?.path ?? ""), 1024 ** 3, "the copy has the chosen size");
        assert.strictEqual(await virtualSize(image), 16 * 1024 ** 2, "the image keeps its size");
        assert.strictEqual(sha256(image), imageHash, "the image is untouched");
        assert.deepEqual(d.bootOrder, ["hd"]);
        assert.true(seed.endsWith(`/${MARK}/${name}-cidata.iso`), `the seed is a volume of the pool attached as a CD-ROM: ${seed}`);
        const volumes = await poolVolumes();
        assert.true(volumes.includes(`${name}-cidata.iso`), `libvirt lists the seed volume: ${volumes.join(", ")}`);

        const { stdout: pvd } = await exec("xorriso", ["-indev", seed, "-pvd_info"]);
        assert.true(/Volume Id\s*:\s*cidata\b/.test(pvd), "the volume label is cidata");
        const files = await isoFiles(seed, ["user-data", "meta-data"]);
        const userData = files["user-data"] ?? "";
        assert.true(userData.startsWith("#cloud-config\n"), "user-data is a cloud-config document");
        assert.false(userData.includes(PASSWORD), "the password is not in clear text");
        const doc = parseYaml(userData) as { hostname: string; users: { name: string; passwd: string; ssh_authorized_keys: string[] }[] };
        const user = doc.users[0];
        assert.strictEqual(doc.hostname, "ci-host");
        assert.strictEqual(user?.name, "ana");
        assert.deepEqual(user?.ssh_authorized_keys, [KEY]);
        const salt = user?.passwd.split("$")[2] ?? "";
        assert.true(user?.passwd.startsWith("$6$"), "a SHA-512 crypt hash");
        const { stdout: again } = await exec("openssl", ["passwd", "-6", "-salt", salt, PASSWORD]);
        assert.strictEqual(user?.passwd, again.trim(), "the hash is of the password entered");
        const meta = parseYaml(files["meta-data"] ?? "") as Record<string, string>;
        assert.strictEqual(meta["local-hostname"], "ci-host");
        assert.true((meta["instance-id"] ?? "").length > 0, "an instance id");

        // Deleting the VM proposes its disk and the seed made for it; both go with it.
        await frame.evaluate(() => {
            window.location.hash = "#/";
        });
        await waitForRow(frame, name);
        await clickAction(frame, name, "delete");
        for (const path of [disk?.path ?? "", seed]) {
            const box = await frame.waitForSelector(`#delete-vm-dialog input[data-path="${path}"]`, { visible: true, timeout: 10_000 });
            assert.true(await box?.evaluate(el => el.checked), `${path} is proposed for deletion`);
        }
        await confirmDialog(frame, "delete-vm-dialog");
        await waitForNoRow(frame, name);
        const left = await poolVolumes();
        assert.false(left.includes(`${name}-cidata.iso`) || left.includes(`${name}.qcow2`), `the disk and the seed are gone: ${left.join(", ")}`);
    });

    QUnit.test("custom user data replaces the generated one; text that is not cloud-config is refused", async assert => {
        const frame = await adminFrame();
        const before = await poolVolumes();
        await fillWizard(frame, `${MARK}-badci`, { source: "cloud", path: image, cloud: { userData: "packages: [htop]\n" } }, "", true);
        const hint = await frame.waitForSelector("#create-vm-ci-user-data-error", { visible: true });
        assert.true((await hint?.evaluate(e => (e as HTMLElement).innerText))?.includes("#cloud-config"), "the field says what is wrong");
        assert.true(await frame.$eval(".pf-v6-c-wizard__footer button.pf-m-primary", el => (el).disabled), "the wizard does not go on");
        await closeWizard(frame);
        assert.false(await domainExists(`${MARK}-badci`), "no domain");
        assert.deepEqual(await poolVolumes(), before, "no volume");

        const name = `${MARK}-customci`;
        const custom = "#cloud-config\npackages:\n  - htop\nruncmd:\n  - [touch, /kvmm-was-here]\n";
        await fillWizard(frame, name, { source: "cloud", path: image, cloud: { userData: custom } });
        await submitWizard(frame, false);
        await waitFor("the new VM's page", () => frame.$eval("#vm-details-name", el => (el as HTMLElement).innerText).catch(() => ""), 60_000);
        const seed = parseDomainXml(await virsh("dumpxml", "--inactive", "--", name)).disks.find(x => x.device === "cdrom")?.path ?? "";
        const files = await isoFiles(seed, ["user-data", "meta-data"]);
        assert.strictEqual(files["user-data"], custom, "the seed holds the custom document as entered");
        assert.strictEqual((parseYaml(files["meta-data"] ?? "") as Record<string, string>)["local-hostname"], name, "the host name defaults to the VM's name");
    });

    QUnit.test("a network install tree boots its kernel, then the VM boots from disk", async assert => {
        const { page } = ui();
        const frame = await adminFrame();
        const name = `${MARK}-net`;
        requests.length = 0;
        await fillWizard(frame, name, { source: "url", url: treeUrl, args: "console=ttyS0" });
        assert.true((await reviewXml(frame)).includes(`${BOOT_DIR}/kvmm-install-${name}-`),
                    "the review shows the kernel to be downloaded");
        await submitWizard(frame, true);
        await waitFor("the console tab of the new VM", () => page.url().includes("tab=consoles") && decodeURIComponent(page.url()).includes(name), 120_000);
        assert.true(requests.includes("GET /tree/.treeinfo"), `the tree was asked for .treeinfo: ${requests.join(", ")}`);
        assert.true(requests.includes("GET /tree/images/pxeboot/vmlinuz"), "the kernel was downloaded");

        const live = parseDomainXml(await virsh("dumpxml", "--", name));
        assert.true(live.kernel?.startsWith(`${BOOT_DIR}/kvmm-install-${name}-`), `the kernel is in libvirt's boot directory: ${String(live.kernel)}`);
        assert.strictEqual(sha256(live.kernel ?? ""), sha256(`${GUEST}/vmlinuz`), "the tree's kernel");
        assert.strictEqual(sha256(live.initrd ?? ""), sha256(`${GUEST}/initrd.img`), "the tree's initrd");
        const cmdline = /<cmdline>([^<]*)<\/cmdline>/.exec(await virsh("dumpxml", "--", name))?.[1] ?? "";
        assert.strictEqual(cmdline, `inst.repo=${treeUrl} console=ttyS0`, "the installer is pointed at the tree");

        // The guest's boot output, as the user sees it in the serial console.
        await (await frame.waitForSelector("#console-type-serial", { visible: true }))?.click();
        await waitFor("the serial console", () => frame.$eval("#serial-console", e => (e as HTMLElement).dataset.state === "connected").catch(() => false), 30_000);
        const terminal = (): Promise<string> => frame.$eval("#serial-terminal .xterm-rows", e => e.textContent).catch(() => "");
        await waitFor("the guest's shell", async () => {
            if ((await terminal()).includes("kvmm-guest:~#")) return true;
            await frame.click("#serial-terminal .xterm-screen").catch(() => undefined);
            await page.keyboard.press("Enter");
            return false;
        }, 120_000, 3000);
        assert.true((await terminal()).includes("kvmm-guest:~#"), "the installed kernel booted to the guest's shell");

        await virsh("destroy", "--", name);
        await page.goto(page.url().replace(/#.*$/, `#/vm/system/${encodeURIComponent(name)}`), { waitUntil: "domcontentloaded" });
        const overview = ui().frame = await pluginFrame(page);
        await (await overview.waitForSelector("#install-kernel-boot-disk", { visible: true, timeout: 30_000 }))?.click();
        await overview.waitForSelector("#install-kernel-notice", { hidden: true, timeout: 30_000 });
        const saved = await virsh("dumpxml", "--inactive", "--", name);
        assert.false(/<kernel>|<initrd>|<cmdline>/.test(saved), "no direct kernel boot left");
        assert.deepEqual(parseDomainXml(saved).bootOrder, ["hd"], "boots from its disk");
        assert.deepEqual(bootFiles(), [], "the downloaded kernel and initrd are removed");
    });

    QUnit.test("an unreachable tree or one without a kernel is refused and nothing is made", async assert => {
        const frame = await adminFrame();
        const before = await poolVolumes();
        await fillWizard(frame, `${MARK}-unreachable`, { source: "url", url: "http://127.0.0.1:9/tree/" });
        await submitWizard(frame, false);
        let text = await wizardError(frame);
        assert.true(text.includes("cannot be reached"), text);
        await closeWizard(frame);

        await fillWizard(frame, `${MARK}-nokernel`, { source: "url", url: treeUrl.replace("/tree/", "/empty/") });
        await submitWizard(frame, false);
        text = await wizardError(frame);
        assert.true(text.includes("No installer kernel and initrd were found"), text);
        await closeWizard(frame);

        assert.false(await domainExists(`${MARK}-unreachable`), "no domain");
        assert.false(await domainExists(`${MARK}-nokernel`), "no domain");
        assert.deepEqual(await poolVolumes(), before, "no volume");
        assert.deepEqual(bootFiles(), [], "no downloaded file");
    });

    QUnit.test("a creation that fails at the start removes the copied disk, the seed and the downloaded kernel", async assert => {
        const frame = await adminFrame();
        // An inactive network: defining works, starting fails.
        writeFileSync(`/tmp/${NET}.xml`, `<network><name>${NET}</name><bridge name="kvmmtcs0"/><ip address="192.168.252.1" netmask="255.255.255.0"/></network>`);
        await virsh("net-define", `/tmp/${NET}.xml`);
        const before = await poolVolumes();
        for (const [name, source] of [[`${MARK}-cloudfail`, { source: "cloud", path: image, cloud: { user: "ana", keys: KEY } }],
                                      [`${MARK}-treefail`, { source: "url", url: treeUrl }]] as const) {
            await fillWizard(frame, name, source, `network:${NET}`);
            await submitWizard(frame, true);
            const text = await wizardError(frame);
            assert.true(text.length > 0, `libvirt's reason is shown: ${text}`);
            await closeWizard(frame);
            assert.false(await domainExists(name), `${name}: the definition was removed`);
        }
        assert.deepEqual(await poolVolumes(), before, "the copied disk and the seed were removed");
        assert.deepEqual(bootFiles(), [], "the downloaded kernel and initrd were removed");
    });

    QUnit.test("without administrative access the user is told to turn it on, and nothing is left", async assert => {
        // A new browser starts in limited access: the plugin runs as the user, who may use
        // libvirt but not write into libvirt's directories.
        const limited = await openPlugin();
        try {
            const before = await poolVolumes();
            for (const [name, source] of [[`${MARK}-limitedci`, { source: "cloud", path: image, cloud: { user: "ana", keys: KEY } }],
                                          [`${MARK}-limitedtree`, { source: "url", url: treeUrl }]] as const) {
                await fillWizard(limited.frame, name, source);
                await submitWizard(limited.frame, false);
                const text = await wizardError(limited.frame);
                assert.true(text.includes("Turn on administrative access"), `${name}: ${text}`);
                await closeWizard(limited.frame);
                assert.false(await domainExists(name), `${name}: no domain`);
            }
            assert.deepEqual(await poolVolumes(), before, "the copied disk was removed again");
            assert.deepEqual(bootFiles(), [], "no downloaded file");
        } finally {
            await limited.browser.close();
        }
    });
});
