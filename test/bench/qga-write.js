// qemu-guest-agent's file-write throughput, for comparison with kvmm-agent: the qemu-ga test
// guest (test/guest/build-qga-overlay.sh) written to through `virsh qemu-agent-command`
// (guest-file-open / guest-file-write / guest-file-close), the route a Cockpit page has
// to qemu-ga (libvirt-dbus has no agent-command call).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const virsh = (...args) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
/** A guest-file-write argument must fit virsh's 128 KiB argument limit once in base64. */
const CHUNK = 48 * 1024;

function agentCommand(name, execute, args) {
    const reply = virsh("qemu-agent-command", name, JSON.stringify(args ? { execute, arguments: args } : { execute }));
    return JSON.parse(reply).return;
}

/** Boots the qemu-ga guest, writes `bytes` to a file in it, returns the seconds the writes took. */
export async function qgaWriteSeconds(name, bytes) {
    const cache = process.env.KVMM_QGA_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest-qga";
    execFileSync("bash", ["test/guest/build-qga-overlay.sh"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, KVMM_GUEST_CACHE: cache } });
    const dir = `/tmp/${name}`;
    const cleanup = () => {
        try { virsh("destroy", name) } catch { /* not running */ }
        try { virsh("undefine", name) } catch { /* not defined */ }
        rmSync(dir, { recursive: true, force: true });
    };
    cleanup();
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/domain.xml`, `<domain type='qemu'><name>${name}</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>${cache}/vmlinuz</kernel><initrd>${cache}/initrd.img</initrd>
<cmdline>console=ttyS0 quiet</cmdline></os><features><acpi/></features><on_poweroff>destroy</on_poweroff>
<devices><serial type='pty'/><console type='pty'><target type='serial'/></console>
<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel></devices></domain>`);
    try {
        virsh("define", `${dir}/domain.xml`);
        virsh("start", name);
        for (let i = 0; ; i++) {
            try {
                agentCommand(name, "guest-ping");
                break;
            } catch (e) {
                if (i > 240) throw new Error(`qemu-ga did not answer: ${e.stderr ?? e}`);
                await sleep(500);
            }
        }
        const data = randomBytes(bytes);
        const handle = agentCommand(name, "guest-file-open", { path: "/tmp/qga-bench.bin", mode: "w" });
        const t0 = performance.now();
        for (let at = 0; at < bytes; at += CHUNK) {
            const piece = data.subarray(at, at + CHUNK);
            const { count } = agentCommand(name, "guest-file-write", { handle, "buf-b64": piece.toString("base64") });
            if (count !== piece.length) throw new Error(`qemu-ga wrote ${count} of ${piece.length} bytes`);
        }
        agentCommand(name, "guest-file-close", { handle });
        return (performance.now() - t0) / 1000;
    } finally {
        cleanup();
    }
}
