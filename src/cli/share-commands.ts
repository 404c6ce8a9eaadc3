// kvmm share: a VM's shared host folders (virtiofs), with the page's operations and checks.
import type { ConnectionId } from "../libvirt/connection.ts";
import { scopeFor } from "../libvirt/device-api.ts";
import { isActiveState } from "../libvirt/domain-state.ts";
import { invalidInput } from "../libvirt/errors.ts";
import { proposedTag } from "../libvirt/shared-folder-xml.ts";
import { addSharedFolder, removeSharedFolder } from "../operations/shared-folders.ts";
import { vmDetails } from "../operations/vms.ts";
import type { Command } from "./args.ts";
import type { CommandHelp } from "./help.ts";
import { UsageError } from "./usage-error.ts";

export type ShareCommand =
    | { kind: "share-list"; vm: string }
    | { kind: "share-add"; vm: string; hostDir: string; tag?: string; readOnly: boolean }
    | { kind: "share-remove"; vm: string; tag: string };

export function isShareCommand(command: Command): command is ShareCommand {
    return command.kind.startsWith("share-");
}

export const SHARE_COMMAND_OPTIONS: Record<string, readonly string[]> = {
    "share-add": ["--tag", "--read-only"],
};

/** kvmm share: host folders shared with a VM (virtiofs). */
export const SHARE_HELP: readonly CommandHelp[] = [
    { synopsis: "share list VM", summary: "The host folders the VM shares: mount tag, host folder, ro or rw, driver." },
    {
        synopsis: "share add VM HOSTDIR [--tag T] [--read-only]",
        summary: "Share a host folder with the VM over virtiofs; prints the mount tag (in the guest: mount -t virtiofs TAG /mnt). " +
            "A shut-off VM gets its memory shared with the host as virtiofs needs; a running VM must have it already.",
        options: [
            ["--tag T", "the mount tag (default: the folder's last name part)"],
            ["--read-only", "the guest cannot change the folder (libvirt 9 refuses this for virtiofs)"],
        ],
    },
    { synopsis: "share remove VM TAG", summary: "Stop sharing the folder mounted as TAG (unmount it in the guest first)." },
];

const usage = (): UsageError => new UsageError(`usage:\n${SHARE_HELP.map(h => `  kvmm ${h.synopsis}`).join("\n")}`);

export function shareCommand(rest: readonly string[], options: Map<string, string>): ShareCommand {
    const [sub, vm = "", ...args] = rest;
    if (sub === "list" && rest.length === 2) return { kind: "share-list", vm };
    if (sub === "add" && args.length === 1) {
        const tag = options.get("--tag");
        if (tag === "") throw new UsageError("--tag needs a value: --tag=NAME");
        return { kind: "share-add", vm, hostDir: args[0] ?? "", readOnly: options.has("--read-only"), ...(tag !== undefined ? { tag } : {}) };
    }
    if (sub === "remove" && args.length === 1) return { kind: "share-remove", vm, tag: args[0] ?? "" };
    throw usage();
}

/** Runs a share command; `print` writes the JSON or the text. */
export async function runShareCommand(conn: ConnectionId, command: ShareCommand, print: (json: unknown, text: string) => void): Promise<void> {
    const vm = await vmDetails(conn, command.vm);
    const running = isActiveState(vm.state);
    const ref = { connection: conn, name: vm.name, persistent: vm.persistent };
    const folders = vm.config.sharedFolders;
    switch (command.kind) {
    case "share-list":
        print(folders, folders.map(f => `${f.tag}\t${f.hostDir}\t${f.readOnly ? "ro" : "rw"}\t${f.driver}\n`).join(""));
        return;
    case "share-add": {
        const tag = command.tag ?? proposedTag(command.hostDir);
        await addSharedFolder(ref, { hostDir: command.hostDir, tag, readOnly: command.readOnly }, vm.config, running);
        // The tag alone, for scripts: the guest mounts the folder by it.
        print({ tag, hostDir: command.hostDir }, `${tag}\n`);
        return;
    }
    case "share-remove": {
        const folder = folders.find(f => f.tag === command.tag);
        if (!folder) throw invalidInput(`${vm.name} shares no folder as ${command.tag}`);
        await removeSharedFolder(ref, folder.tag, folder.hostDir, scopeFor(running, vm.persistent));
    }
    }
}
