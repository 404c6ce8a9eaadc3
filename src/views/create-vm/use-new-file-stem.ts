// The stem of the file names the new VM gets in its pool: free among the pool's files, which
// are read when the pool is chosen and again when the review is shown.
import { useEffect, useState } from "react";

import { freeFileStem, newFileSuffixes } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { listVolumes } from "../../libvirt/storage-volume-api.ts";

import type { CreateVmForm } from "../../operations/create-vm/create-vm-form.ts";

/** `poolPath`: the running pool's object (undefined: none, so nothing to compare with — creating
 *  says why it cannot). `reread` changes to read the files again. Undefined while they are read. */
export function useNewFileStem(connection: ConnectionId, poolPath: string | undefined, form: CreateVmForm, reread: unknown): string | undefined {
    const [poolFiles, setPoolFiles] = useState<{ pool: string; names: ReadonlySet<string> } | undefined>();
    useEffect(() => {
        let cancelled = false;
        if (poolPath) {
            listVolumes(connection, poolPath).then(volumes => {
                if (!cancelled) setPoolFiles({ pool: poolPath, names: new Set(volumes.map(v => v.name)) });
            }, () => undefined);
        }
        return () => {
            cancelled = true;
        };
    }, [connection, poolPath, reread]);
    const files = poolPath ? (poolFiles?.pool === poolPath ? poolFiles.names : undefined) : new Set<string>();
    return files && freeFileStem(form.name, newFileSuffixes(form.diskFormat, form.source === "cloud"), files);
}
