// Host files a clone takes over from its source that libvirt does not copy: the UEFI variable
// store (NVRAM), the emulated TPM's state, and the user-data of the cloud-init seed image.
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { runOnHost } from "./host-command.ts";
import { hostPathKind, userHome } from "./host-path.ts";

/** Where libvirt keeps VMs' UEFI variable stores (qemu.conf's nvram_dir default). */
export async function nvramDirectory(connection: ConnectionId): Promise<string> {
    return connection === "system" ? "/var/lib/libvirt/qemu/nvram" : `${await userHome()}/.config/libvirt/qemu/nvram`;
}

/** Where libvirt keeps a VM's swtpm state, by the VM's UUID (qemu.conf's swtpm_storage_dir default). */
export async function tpmStateDirectory(connection: ConnectionId, uuid: string): Promise<string> {
    const base = connection === "system" ? "/var/lib/libvirt/swtpm" : `${await userHome()}/.config/libvirt/qemu/swtpm`;
    return `${base}/${uuid}`;
}

/** Copies the source's NVRAM file; false when it has none yet (a UEFI VM never started). */
export async function copyNvram(connection: ConnectionId, from: string, to: string): Promise<boolean> {
    if (await hostPathKind(connection, from) !== "file") return false;
    await runOnHost(connection, ["cp", "--", from, to], { what: format(_("The UEFI variables could not be copied to $0"), to) });
    return true;
}

/** Copies the source's TPM state directory (owner and modes kept for swtpm); false when it has none yet. */
export async function copyTpmState(connection: ConnectionId, from: string, to: string): Promise<boolean> {
    if (await hostPathKind(connection, from) !== "directory") return false;
    await runOnHost(connection, ["cp", "-a", "--", from, to], { what: format(_("The TPM state could not be copied to $0"), to) });
    return true;
}

/** The user-data file of a NoCloud seed image, read with xorriso; undefined when it cannot be read. */
export async function readSeedUserData(connection: ConnectionId, iso: string): Promise<string | undefined> {
    const what = format(_("The cloud-init seed image $0 could not be read"), iso);
    try {
        const dir = (await runOnHost(connection, ["mktemp", "-d", "-t", "kvmm-cidata.XXXXXX"], { what })).trim();
        try {
            await runOnHost(connection, ["xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/user-data", `${dir}/user-data`], { what });
            return await runOnHost(connection, ["cat", "--", `${dir}/user-data`], { what });
        } finally {
            await runOnHost(connection, ["rm", "-rf", "--", dir], { what }).catch(() => undefined);
        }
    } catch {
        return undefined;
    }
}
