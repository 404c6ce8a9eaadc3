// Host-side checks for the Create VM install source tests: ISO contents, image sizes and
// hashes, and a fake network install tree served over HTTP.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { promisify } from "node:util";

const exec = promisify(execFile);
export const GUEST = process.env.KVMM_GUEST_CACHE ?? "/var/cache/kvm-manager-test/guest";

export function sha256(file: string): string {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The files at the root of an ISO image, read with xorriso as the guest's cloud-init would see them. */
export async function isoFiles(iso: string, names: string[]): Promise<Record<string, string>> {
    const dir = mkdtempSync("/tmp/kvmmt-iso-");
    try {
        const args = ["-osirrox", "on", "-indev", iso];
        for (const n of names) args.push("-extract", `/${n}`, `${dir}/${n}`);
        await exec("xorriso", args);
        return Object.fromEntries(names.map(n => [n, readFileSync(`${dir}/${n}`, "utf8")]));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export async function virtualSize(file: string): Promise<number> {
    const { stdout } = await exec("qemu-img", ["info", "--force-share", "--output=json", file]);
    return (JSON.parse(stdout) as { "virtual-size": number })["virtual-size"];
}

/** A fake install tree: the test guest's kernel and initramfs where Fedora keeps them. */
export function serveTree(requests: string[]): Promise<Server> {
    const files: Record<string, string> = {
        "/tree/images/pxeboot/vmlinuz": `${GUEST}/vmlinuz`,
        "/tree/images/pxeboot/initrd.img": `${GUEST}/initrd.img`,
    };
    const server = createServer((req, res) => {
        requests.push(`${req.method ?? ""} ${req.url ?? ""}`);
        const file = files[req.url ?? ""];
        if (!file) {
            res.writeHead(404).end();
            return;
        }
        const body = readFileSync(file);
        res.writeHead(200, { "Content-Length": body.length });
        res.end(req.method === "HEAD" ? undefined : body);
    });
    return new Promise(resolve => server.listen(0, "127.0.0.1", () => resolve(server)));
}
