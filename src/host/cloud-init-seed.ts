// Host work for cloud-init: the password's SHA-512 crypt hash (openssl, fed on stdin so the
// password is never on a command line) and the NoCloud seed image (an ISO9660 volume labelled
// "cidata" written by xorriso, the standard tool), copied into a volume libvirt made.
import { _ } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost } from "./host-command.ts";

export async function hashPassword(connection: ConnectionId, password: string): Promise<string> {
    const out = await runOnHost(connection, ["openssl", "passwd", "-6", "-stdin"],
                                { input: `${password}\n`, what: _("The password could not be hashed"), privileged: false });
    const hash = out.trim();
    if (!hash.startsWith("$6$")) throw new Error(`openssl passwd -6 gave no SHA-512 crypt hash: ${hash.slice(0, 3)}…`);
    return hash;
}

export type SeedFiles = Record<"user-data" | "meta-data", string>;

/** Writes the seed image over the (new, empty) file at `target`. */
export async function writeNoCloudSeed(connection: ConnectionId, target: string, files: SeedFiles): Promise<void> {
    const what = _("The cloud-init seed image could not be written");
    const dir = (await runOnHost(connection, ["mktemp", "-d", "-t", "kvmm-cidata.XXXXXX"], { what })).trim();
    try {
        await runOnHost(connection, ["mkdir", "--", `${dir}/files`], { what });
        for (const [name, content] of Object.entries(files))
            await runOnHost(connection, ["sh", "-c", 'cat > "$1"', "sh", `${dir}/files/${name}`], { input: content, what });
        await runOnHost(connection, ["xorriso", "-as", "mkisofs", "-quiet", "-output", `${dir}/seed.iso`, "-volid", "cidata", "-joliet", "-rock", `${dir}/files`], { what });
        // cp keeps the volume's owner and mode, which libvirt chose.
        await runOnHost(connection, ["cp", "--", `${dir}/seed.iso`, target], { what });
    } finally {
        await runOnHost(connection, ["rm", "-rf", "--", dir], { what }).catch(() => undefined);
    }
}
