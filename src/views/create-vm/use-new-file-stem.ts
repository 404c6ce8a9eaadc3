// The stem of the file names the new VM gets in its pool: free among the pool's files, which
// are read when the pool is chosen and again when the review is shown.
import { freeFileStem, newFileSuffixes } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { listVolumes } from "../../libvirt/storage-volume-api.ts";
import type { CreateVmForm } from "../../operations/create-vm/create-vm-form.ts";
import { useData } from "../../state/use-data.ts";

const NO_FILES: ReadonlySet<string> = new Set();

/** `poolPath`: the running pool's object (undefined: none, so nothing to compare with — creating
 *  says why it cannot). `reread` changes to read the files again. Undefined while they are read. */
export function useNewFileStem(connection: ConnectionId, poolPath: string | undefined, form: CreateVmForm, reread: unknown): string | undefined {
    const poolFiles = useData(async () => poolPath ? new Set((await listVolumes(connection, poolPath)).map(v => v.name)) : undefined,
                              [connection, poolPath], { refresh: [reread] });
    const files = poolPath ? poolFiles.data : NO_FILES;
    return files && freeFileStem(form.name, newFileSuffixes(form.diskFormat, form.source === "cloud"), files);
}
