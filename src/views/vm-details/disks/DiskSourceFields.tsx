// Where a new disk's image comes from: a new volume, an existing volume, or a host path.
import { FormGroup, Radio } from "@patternfly/react-core";

import { formatBytes } from "../../../lib/format-bytes.ts";
import { _, format } from "../../../lib/i18n.ts";
import type { DiskFormat } from "../../../libvirt/device-xml.ts";
import type { PoolSummary } from "../../../libvirt/storage-pool-api.ts";
import type { VolumeSummary } from "../../../libvirt/storage-volume-api.ts";
import { Notice } from "../../common/Notice.tsx";
import { type Choice, SelectField, TextField } from "./form-fields.tsx";

export interface SourceChoice {
    kind: "new" | "volume" | "path";
    /** Pool object path. */
    pool: string;
    name: string;
    size: string;
    unit: string;
    format: DiskFormat;
    /** Volume object path. */
    volume: string;
    path: string;
}

const FORMATS: Choice[] = [{ value: "qcow2", label: "qcow2" }, { value: "raw", label: "raw" }];
const UNITS: Choice[] = ["MiB", "GiB", "TiB"].map(u => ({ value: u, label: u }));

interface Props {
    source: SourceChoice;
    onChange: (source: SourceChoice) => void;
    pools: PoolSummary[];
    poolError: string | null;
    volumes: VolumeSummary[] | null;
    allowNew: boolean;
}

export function DiskSourceFields({ source, onChange, pools, poolError, volumes, allowNew }: Props) {
    const set = (patch: Partial<SourceChoice>): void => onChange({ ...source, ...patch });
    const poolChoices: Choice[] = pools.map(p => ({
        value: p.object,
        label: p.active ? p.name : format(_("$0 (inactive)"), p.name),
        disabled: !p.active,
    }));
    const volumeChoices: Choice[] = (volumes ?? []).map(v => ({ value: v.object, label: `${v.name} (${formatBytes(v.capacity)})` }));
    const kinds: [SourceChoice["kind"], string][] = [
        ...(allowNew ? [["new", _("Create a new volume")] as [SourceChoice["kind"], string]] : []),
        ["volume", _("Use an existing volume")],
        ["path", _("Use an image file or device by path")],
    ];

    return (
        <>
            <FormGroup role="radiogroup" label={_("Source")} fieldId="add-disk-source" isStack>
                {kinds.map(([kind, label]) => (
                    <Radio key={kind} id={`add-disk-source-${kind}`} name="add-disk-source" label={label}
                           isChecked={source.kind === kind} onChange={() => set({ kind })} />
                ))}
            </FormGroup>
            {poolError && source.kind !== "path" && (
                <Notice variant="warning" isInline title={_("The storage pools could not be listed")}>{poolError}</Notice>
            )}
            {source.kind !== "path" && (
                <SelectField id="add-disk-pool" label={_("Storage pool")} value={source.pool} choices={poolChoices}
                             onChange={pool => set({ pool, volume: "" })} />
            )}
            {source.kind === "new" && (
                <>
                    <TextField id="add-disk-name" label={_("Volume name")} value={source.name} onChange={name => set({ name })} />
                    <TextField id="add-disk-size" label={_("Size")} value={source.size} onChange={size => set({ size })} />
                    <SelectField id="add-disk-unit" label={_("Unit")} value={source.unit} choices={UNITS} onChange={unit => set({ unit })} />
                    <SelectField id="add-disk-format" label={_("Format")} value={source.format} choices={FORMATS}
                                 onChange={f => set({ format: f as DiskFormat })} />
                </>
            )}
            {source.kind === "volume" && (
                volumes === null
                    ? <p>{_("Loading volumes…")}</p>
                    : <SelectField id="add-disk-volume" label={_("Volume")} value={source.volume || (volumes[0]?.object ?? "")}
                                   choices={volumeChoices} onChange={volume => set({ volume })} />
            )}
            {source.kind === "path" && (
                <>
                    <TextField id="add-disk-path" label={_("Path on the host")} value={source.path} onChange={path => set({ path })}
                               placeholder="/var/lib/libvirt/images/disk.qcow2" />
                    <SelectField id="add-disk-format" label={_("Format")} value={source.format} choices={FORMATS}
                                 onChange={f => set({ format: f as DiskFormat })} />
                </>
            )}
        </>
    );
}
