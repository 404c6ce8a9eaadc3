// Where an export goes: a file on the host, a file in a directory storage pool (where it becomes
// one of the pool's volumes), or a download to the user's computer.
import { FormGroup, FormSelect, FormSelectOption, Radio, TextInput } from "@patternfly/react-core";
import { useEffect } from "react";

import { _ } from "../../lib/i18n.ts";
import { plainName } from "../../lib/vm-file-names.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { listPools } from "../../libvirt/storage-pool-api.ts";
import { FILE_POOLS } from "../../operations/pools.ts";
import { useData } from "../../state/use-data.ts";

export interface ExportDestination {
    to: "host" | "pool" | "download";
    /** Host path, for "host". */
    path: string;
    /** Pool and file name in it, for "pool"; "" until the pools are read. */
    pool: string;
    fileName: string;
}

export function initialDestination(vmName: string): ExportDestination {
    const fileName = `${plainName(vmName)}.ova`;
    return { to: "host", path: `/var/lib/libvirt/images/${fileName}`, pool: "", fileName };
}

/** The same destination for a file of another kind (".ova" or ".tar"). */
export function withExtension(d: ExportDestination, extension: string): ExportDestination {
    const swap = (name: string): string => name.replace(/\.(ova|tar)$/i, "") + extension;
    return { ...d, path: swap(d.path), fileName: swap(d.fileName) };
}

export function destinationComplete(d: ExportDestination): boolean {
    if (d.to === "host") return d.path.trim() !== "";
    return d.to === "download" || (d.pool !== "" && d.fileName.trim() !== "");
}

function usePoolChoices(conn: ConnectionId): string[] | undefined {
    return useData(async () => (await listPools(conn)).filter(p => p.active && FILE_POOLS.includes(p.type)).map(p => p.name), [conn]).data;
}

export function DestinationFields({ conn, value, onChange }: { conn: ConnectionId; value: ExportDestination; onChange: (d: ExportDestination) => void }) {
    const pools = usePoolChoices(conn) ?? [];
    const proposed = pools.includes("default") ? "default" : pools[0] ?? "";
    // The pool is proposed once the pools are read; the user's choice stays.
    useEffect(() => {
        if (value.pool === "" && proposed !== "") onChange({ ...value, pool: proposed });
    }, [value, proposed, onChange]);
    const set = (change: Partial<ExportDestination>): void => onChange({ ...value, ...change });
    return (
        <>
            <FormGroup label={_("Destination")} role="radiogroup" fieldId="export-vm-to" isInline>
                <Radio id="export-vm-to-host" name="export-vm-to" isChecked={value.to === "host"} onChange={() => set({ to: "host" })} label={_("File on the host")} />
                <Radio id="export-vm-to-pool" name="export-vm-to" isChecked={value.to === "pool"} onChange={() => set({ to: "pool" })} label={_("File in a storage pool")} />
                <Radio id="export-vm-to-download" name="export-vm-to" isChecked={value.to === "download"} onChange={() => set({ to: "download" })} label={_("Download to this computer")}
                       description={_("Written to /var/tmp on the host first, removed once your browser downloads it")} />
            </FormGroup>
            {value.to === "host" && (
                <FormGroup label={_("File on the host")} isRequired fieldId="export-vm-target">
                    <TextInput id="export-vm-target" value={value.path} onChange={(_e, v) => set({ path: v })} isRequired />
                </FormGroup>
            )}
            {value.to === "pool" && (
                <>
                    <FormGroup label={_("Storage pool")} fieldId="export-vm-pool">
                        <FormSelect id="export-vm-pool" value={value.pool} onChange={(_e, v) => set({ pool: v })}>
                            {pools.length === 0 && <FormSelectOption value="" label={_("No active directory pool")} isDisabled />}
                            {pools.map(p => <FormSelectOption key={p} value={p} label={p} />)}
                        </FormSelect>
                    </FormGroup>
                    <FormGroup label={_("File name")} isRequired fieldId="export-vm-file-name">
                        <TextInput id="export-vm-file-name" value={value.fileName} onChange={(_e, v) => set({ fileName: v })} isRequired />
                    </FormGroup>
                </>
            )}
        </>
    );
}
