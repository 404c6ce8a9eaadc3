// KVM Manager on a host chosen in Cockpit's host switcher. test/stack/remote-host.sh makes
// 127.0.0.2:22220 a second host: Cockpit reaches it over SSH, and every channel of pages at
// /@127.0.0.2 is served by a bridge that sshd started. The guests are this machine's, so the
// tests prove the route by asking which process holds the VNC connection or the agent's socket.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

import type { Frame, Page } from "puppeteer-core";
import QUnit from "qunit";

import { agentGuestSpec, buildAgentImage, textOf } from "./lib/agent-guest.ts";
import { COCKPIT_URL, launch, login, saveIfFailed, type Session,TEST_PASSWORD, waitFor } from "./lib/cockpit-session.ts";
import { canvasColours, click, openConsoles, terminalText, waitForState } from "./lib/consoles-page.ts";
import { guestSpec, serialOutput, waitForSerial } from "./lib/test-guest.ts";
import { cleanupTestDomains, defineXml, domainXml, suiteMark, virsh } from "./lib/virsh.ts";
import { waitForRow } from "./lib/vm-list-page.ts";

const exec = promisify(execFile);
const MARK = suiteMark("remote");
const NAME = `${MARK}-vm`;
const AGENT_VM = `${MARK}-agent`;
const REMOTE = "127.0.0.2";

/**
 * Opens the plugin on the remote host, answering Cockpit's password prompt for it; as a user
 * would, it logs in again (up to 3 times) when Cockpit says "Login failed".
 */
async function openOnRemote(page: Page, hash = ""): Promise<Frame> {
    await page.goto(`${COCKPIT_URL}/@${REMOTE}/kvm-manager${hash}`, { waitUntil: "domcontentloaded" });
    // The frame exists (hidden) even while the login fails: ready means the plugin rendered.
    const ready = async (): Promise<Frame | undefined> => {
        const frame = page.frames().find(f => f.url().includes(`@${REMOTE}:22220/kvm-manager/index.html`));
        return frame && await frame.$("#app").catch(() => null) ? frame : undefined;
    };
    for (let attempt = 1; ; attempt++) {
        await waitFor("the remote host's plugin or its login prompt", async () =>
            await ready() ?? await page.$("[role=dialog] input[type=password]") ?? await page.$("button.pf-m-primary"), 30_000);
        const frame = await ready();
        if (frame) return frame;
        if (attempt > 3) throw new Error("Cockpit could not log in to the remote host three times");
        // "Not connected to host" → Log in → the password dialog of the host switcher.
        if (!await page.$("[role=dialog] input[type=password]")) await page.click("button.pf-m-primary");
        const field = "[role=dialog] input[type=password]";
        await page.waitForSelector(field, { visible: true });
        // sshd logged "Failed password" in the failed runs: the dialog can re-render while it
        // is typed into, dropping keys. Type until the field holds the password.
        await waitFor("the password in the dialog", async () => {
            await page.$eval(field, e => { e.select() });
            await page.type(field, TEST_PASSWORD);
            await new Promise(resolve => setTimeout(resolve, 300));
            return (await page.$eval(field, e => e.value)) === TEST_PASSWORD;
        }, 20_000, 0);
        await page.click("[role=dialog] button.pf-m-primary");
        await waitFor("the plugin of the remote host", ready, 30_000).catch(() => undefined);
    }
}

/** The chain of process names from `pid` up to init. */
function ancestry(pid: number): string[] {
    const names: string[] = [];
    for (let p = pid; p > 1;) {
        const status = readFileSync(`/proc/${String(p)}/status`, "utf8");
        names.push(/^Name:\s*(.*)$/m.exec(status)?.[1] ?? "?");
        p = Number(/^PPid:\s*(\d+)$/m.exec(status)?.[1] ?? 0);
    }
    return names;
}

/** The processes holding a connection to a unix socket (path), each as its ancestry. */
async function unixClients(socket: string): Promise<string[][]> {
    // Fields: netid state recv-q send-q local inode peer peer-inode users. The server's end of
    // a connection is at the socket's path; its peer inode is the client's end.
    const { stdout } = await exec("ss", ["-Hxp", "state", "connected"]);
    const rows = stdout.split("\n").map(line => line.trim().split(/\s+/));
    const clientEnds = new Set(rows.filter(f => f[4] === socket).map(f => f[7]));
    return rows.filter(f => clientEnds.has(f[5]))
        .flatMap(f => [...f.slice(8).join(" ").matchAll(/pid=(\d+)/g)].map(m => ancestry(Number(m[1]))));
}

/** The processes holding a TCP connection to the VM's VNC port, each as its ancestry. */
async function vncClients(name: string): Promise<string[][]> {
    const display = (await virsh("vncdisplay", name)).trim();  // e.g. "127.0.0.1:0"
    const port = 5900 + Number(display.split(":").pop());
    const { stdout } = await exec("ss", ["-Htnp", "state", "established", "dst", `127.0.0.1:${String(port)}`]);
    return [...stdout.matchAll(/pid=(\d+)/g)].map(m => ancestry(Number(m[1])));
}

QUnit.module("Remote host", hooks => {
    let session: Session | undefined;
    const ui = (): Session => {
        if (!session) throw new Error("the browser session did not open");
        return session;
    };

    hooks.before(async () => {
        await cleanupTestDomains(MARK);
        await buildAgentImage();
        await defineXml(domainXml(guestSpec(NAME, { vnc: true })));
        await defineXml(domainXml(agentGuestSpec(AGENT_VM)));
        await virsh("start", NAME);
        await virsh("start", AGENT_VM);
        const { browser, page, console } = await launch();
        session = { browser, page, console, frame: page.mainFrame() };
        await login(page);
        session.frame = await openOnRemote(page);
    });
    hooks.afterEach(assert => saveIfFailed(assert, session, "remote-host"));
    hooks.after(async () => {
        await session?.browser.close();
        await cleanupTestDomains(MARK);
    });

    QUnit.test("The VM list opens on a host chosen in the host switcher", async assert => {
        const { frame } = ui();
        const row = await waitForRow(frame, NAME, "running", 30_000);
        assert.strictEqual(row.state, "running", "the VM of the remote host is listed with its state");
        const frames = ui().page.frames().map(f => f.url()).filter(u => u.includes("/kvm-manager/index.html"));
        assert.true(frames.every(u => u.includes(`@${REMOTE}:`)), `the plugin runs for the remote host only: ${frames.join(", ")}`);
    });

    QUnit.test("The graphical console goes through the remote host's bridge", async assert => {
        const { frame } = ui();
        await waitForSerial(NAME, "KVMM-GUEST-READY");
        await openConsoles(frame, NAME);
        await click(frame, "#console-type-graphical");
        await waitForState(frame, "vnc-console", "connected");
        const colours = await waitFor("guest pixels on the VNC canvas", async () => {
            const n = await canvasColours(frame);
            return n > 1 ? n : 0;
        }, 30_000);
        assert.true(colours > 1, `the canvas shows ${String(colours)} colours`);

        const clients = await waitFor("the VNC connection", async () => {
            const found = await vncClients(NAME);
            return found.length > 0 ? found : undefined;
        });
        assert.deepEqual(clients.map(chain => chain[0]), ["cockpit-bridge"], "a Cockpit bridge holds the VNC connection");
        assert.true(clients[0]?.includes("sshd"), `that bridge was started by sshd, not by cockpit-ws: ${clients[0]?.join(" < ") ?? ""}`);
    });

    QUnit.test("The serial console runs a command on the remote host's VM", async assert => {
        const { frame, page } = ui();
        await click(frame, "#console-type-serial");
        await waitForState(frame, "serial-console", "connected");
        await click(frame, "#serial-terminal .xterm-screen");
        await page.keyboard.type("echo kvmm-remote-$((6*7))");
        await page.keyboard.press("Enter");
        await waitFor("the command's output", async () => (await terminalText(frame)).includes("kvmm-remote-42"), 30_000);
        assert.true(serialOutput(NAME).includes("kvmm-remote-42"), "the guest ran the command");
    });

    QUnit.test("The Guest tab reaches the guest agent through the remote host's bridge", async assert => {
        const { page } = ui();
        const frame = await openOnRemote(page, `#/vm/system/${AGENT_VM}?tab=guest`);
        ui().frame = frame;
        await frame.waitForSelector("#guest-connect-error[data-kind='no-admin']", { timeout: 60_000 });
        // The agent's socket needs administrative access on the remote host. Cockpit 287's top
        // bar offers no switch for this host (its indicator stays empty, though the host's
        // bridge has sudo): ask the remote bridge for it as that switch would, then try again.
        await frame.evaluate(async (password: string) => {
            interface Bus {
                call(path: string, iface: string, method: string, args: unknown[]): Promise<unknown>;
                subscribe(match: object, callback: () => void): unknown;
            }
            const cockpit = (window as unknown as { cockpit: { dbus(name: null, options: object): Bus } }).cockpit;
            const bus = cockpit.dbus(null, { bus: "internal" });
            bus.subscribe({ path: "/superuser", interface: "cockpit.Superuser", member: "Prompt" },
                () => void bus.call("/superuser", "cockpit.Superuser", "Answer", [password]));
            await bus.call("/superuser", "cockpit.Superuser", "Start", ["sudo"]);
        }, TEST_PASSWORD);
        // The tab may try again by itself once access changes, re-drawing the retry button: click
        // it only while it is there.
        await waitFor("the agent connection through the remote bridge", async () => {
            if (await frame.$("#vm-guest[data-agent='connected']")) return true;
            await frame.click("#guest-connect-retry").catch(() => undefined);
            return false;
        }, 120_000, 1000);
        await frame.waitForSelector("#guest-agent-panel", { timeout: 60_000 });
        assert.strictEqual((await textOf(frame, "#guest-hostname")).trim(), "kvmm-guest", "the guest's hostname, from its agent");

        const socket = /<source mode=["']bind["'] path=["']([^"']+org\.kvmmanager\.agent\.0)["']/.exec(await virsh("dumpxml", AGENT_VM))?.[1] ?? "";
        const clients = await waitFor("the agent connection", async () => {
            const found = await unixClients(socket);
            return found.length > 0 ? found : undefined;
        });
        assert.deepEqual(clients.map(chain => chain[0]), ["cockpit-bridge"], "a Cockpit bridge holds the agent's socket");
        assert.true(clients[0]?.includes("sshd"), `that bridge was started by sshd, not by cockpit-ws: ${clients[0]?.join(" < ") ?? ""}`);
    });
});
