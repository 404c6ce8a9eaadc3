// kvmm list (with its tag and folder filters), kvmm tag and kvmm folder.
import { LibvirtError } from "../libvirt/errors.ts";
import { changeVmMarks, type VmMarks, vmMarks, vmsMarks } from "../operations/vm-marks.ts";
import { listVms, type VmSummary } from "../operations/vms.ts";
import type { Command } from "./args.ts";
import { globToRegExp } from "./glob.ts";

type ConnectionId = Parameters<typeof listVms>[0];

/** Every tag given, and the folder where one is given. */
function marksMatch(marks: VmMarks, tags: readonly string[], folder: string | undefined): boolean {
    return tags.every(t => marks.tags.some(m => m.name === t)) && (folder === undefined || marks.folder === folder);
}

export async function listFiltered(conn: ConnectionId, command: Extract<Command, { kind: "list" }>): Promise<VmSummary[]> {
    const pattern = command.name === undefined ? undefined : globToRegExp(command.name);
    const vms = (await listVms(conn)).filter(vm =>
        (command.state === undefined || vm.state === command.state) && (pattern === undefined || pattern.test(vm.name)));
    if (command.tags === undefined && command.folder === undefined) return vms;
    // Metadata is read only when asked for: one call per VM.
    const marks = await vmsMarks(conn, vms.map(vm => vm.name));
    return vms.filter((_vm, i) => {
        const mark = marks[i];
        return mark !== undefined && marksMatch(mark, command.tags ?? [], command.folder);
    });
}

/** Without a change, shows the VM's tags (as TAG:COLOUR, the form --add takes) or its folder. */
export async function runMarks(conn: ConnectionId, command: Extract<Command, { kind: "tag" | "folder" }>,
                               print: (json: unknown, text: string) => void): Promise<number> {
    const change = command.kind === "tag" ? { add: command.add, remove: command.remove } : { folder: command.folder };
    const changes = command.kind === "tag" ? command.add.length + command.remove.length > 0 : command.folder !== undefined;
    let marks: VmMarks;
    if (changes) {
        const [result] = await changeVmMarks(conn, [command.vm], change);
        if (result?.error) throw new LibvirtError(result.error);
        marks = result?.marks ?? { tags: [] };
    } else {
        marks = await vmMarks(conn, command.vm);
    }
    print(marks, command.kind === "tag" ? marks.tags.map(t => `${t.name}:${t.colour}\n`).join("") : marks.folder === undefined ? "" : `${marks.folder}\n`);
    return 0;
}
