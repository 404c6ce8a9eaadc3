// After each browser test: are D-Bus, libvirtd, virtlogd, cockpit-ws and the second host's SSH
// server still answering? A daemon that went away (killed from outside, or crashed) would
// otherwise fail every later test with "libvirtd is not running". What is missing is reported as
// TAP comments, with libvirtd's last log lines and what the kernel said meanwhile, and started
// again by up.sh.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { promisify } from "node:util";

const exec = promisify(execFile);

const ENDPOINTS = [
    ["the D-Bus system bus", { path: "/run/dbus/system_bus_socket" }],
    ["libvirtd", { path: "/run/libvirt/libvirt-sock" }],
    // QEMU's output goes through it: without it no VM starts.
    ["virtlogd", { path: "/run/libvirt/virtlogd-sock" }],
    ["cockpit-ws", { host: process.env.COCKPIT_ADDRESS ?? "127.0.0.1", port: Number(process.env.COCKPIT_PORT ?? 9090) }],
    // remote-host.sh's second host
    ["the test SSH server", { host: "127.0.0.2", port: 22220 }],
];

function answers(options) {
    return new Promise(resolve => {
        const socket = net.connect(options);
        const done = ok => {
            socket.destroy();
            resolve(ok);
        };
        socket.setTimeout(5000, () => done(false));
        socket.once("connect", () => done(true));
        socket.once("error", () => done(false));
    });
}

function lastLines(file, count) {
    try {
        return readFileSync(file, "utf8").trimEnd().split("\n").slice(-count);
    } catch (error) {
        return [String(error)];
    }
}

async function kernelLines() {
    try {
        const { stdout } = await exec("dmesg", ["-T"]);
        return stdout.split("\n").filter(Boolean);
    } catch (error) {
        return [`dmesg: ${error.message}`];
    }
}

/** Names of the daemons that did not answer. */
async function missingDaemons() {
    const missing = [];
    for (const [name, options] of ENDPOINTS) {
        if (!await answers(options)) missing.push(name);
    }
    return missing;
}

/**
 * Checks the stack after each test of `QUnit`; reports and restarts missing daemons, with what
 * the kernel said since the watch began.
 */
export async function watchStack(QUnit) {
    const kernelBefore = (await kernelLines()).length;
    QUnit.hooks.afterEach(async assert => {
        const missing = await missingDaemons();
        if (missing.length === 0) return;
        const say = line => console.log(`# ${line}`);
        say(`the test stack lost ${missing.join(", ")} during "${assert.test.testName}" (or just before); starting it again`);
        lastLines("/var/log/libvirt/libvirtd.log", 5).forEach(l => say(`  libvirtd.log: ${l}`));
        (await kernelLines()).slice(kernelBefore).slice(-5).forEach(l => say(`  kernel: ${l}`));
        const start = Date.now();
        const took = () => `${((Date.now() - start) / 1000).toFixed(1)} s`;
        try {
            await exec("bash", ["test/stack/up.sh"]);
            say(`  started again in ${took()}`);
        } catch (error) {
            say(`  up.sh failed after ${took()}: ${error.message}`);
        }
    });
}
