// The Create storage pool form: the kind, then its own fields; NFS exports, iSCSI targets and
// LVM volume groups can be looked up through libvirt; formatting the source is a choice the user
// makes, with what it erases said beside it.
import { Button, Checkbox, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { describeError } from "../../libvirt/errors.ts";
import { findPoolSources } from "../../libvirt/storage-pool-api.ts";
import { type FoundSource, POOL_TYPES, type PoolSpec, type PoolType } from "../../libvirt/storage-pool-xml.ts";
import { ERASING_BUILD, normalizePoolPath, POOL_FIELDS } from "../../operations/storage-pools.ts";
import { Notice } from "../common/Notice.tsx";

const TYPE_LABELS: Record<PoolType, string> = {
    dir: _("Directory on this host"),
    fs: _("File system on a disk or partition"),
    netfs: _("NFS export"),
    logical: _("LVM volume group"),
    iscsi: _("iSCSI target"),
    disk: _("Whole disk (partitions as volumes)"),
};

const BUILD_LABELS: Partial<Record<PoolType, string>> = {
    fs: _("Format the device with a new file system (erases everything on it)"),
    logical: _("Create the volume group on the device (erases everything on it)"),
    disk: _("Write a new partition table (erases everything on the disk)"),
};

type Field = "path" | "device" | "host" | "exportPath" | "volumeGroup" | "iqn";

const FIELD_LABELS: Record<Field, string> = {
    path: _("Directory"),
    device: _("Device"),
    host: _("Server"),
    exportPath: _("Exported directory"),
    volumeGroup: _("Volume group"),
    iqn: _("Target IQN"),
};

function placeholder(type: PoolType, field: Field): string {
    if (field === "path") return type === "dir" ? "/var/lib/libvirt/images" : "/mnt/pool";
    if (field === "device") return type === "logical" ? _("/dev/sdb (only to create the volume group)") : "/dev/sdb1";
    if (field === "host") return "nas.example.com";
    if (field === "exportPath") return "/export/vms";
    if (field === "volumeGroup") return _("The pool's name");
    return "iqn.2004-04.com.example:storage";
}

interface Props { connection: ConnectionId; spec: PoolSpec; onChange: (spec: PoolSpec) => void }

function foundLabel(type: PoolType, source: FoundSource): string {
    if (type === "netfs") return source.dir ?? "";
    if (type === "iscsi") return source.devices[0] ?? "";
    return source.devices.length ? format("$0 ($1)", source.name ?? "", source.devices.join(", ")) : source.name ?? "";
}

/** Looks up what the server (or this host, for LVM) offers and fills the field in when chosen. */
function Discovery({ connection, spec, onChange }: Props) {
    const [found, setFound] = useState<FoundSource[] | null>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<string | null>(null);
    const type = spec.type;
    if (type !== "netfs" && type !== "iscsi" && type !== "logical") return null;
    const needsHost = type !== "logical";
    const look = async (): Promise<void> => {
        setBusy(true);
        setError(null);
        try {
            setFound(await findPoolSources(connection, type, spec.host.trim()));
        } catch (e) {
            const described = describeError(e);
            setError(`${described.summary}${described.detail ? `: ${described.detail}` : ""}`);
            setFound(null);
        } finally {
            setBusy(false);
        }
    };
    const choose = (source: FoundSource): void => {
        if (type === "netfs") onChange({ ...spec, exportPath: source.dir ?? "" });
        else if (type === "iscsi") onChange({ ...spec, iqn: source.devices[0] ?? "" });
        else onChange({ ...spec, volumeGroup: source.name ?? "", build: false });
    };
    return (
        <FormGroup fieldId="create-pool-discover" label={type === "logical" ? _("Volume groups on this host") : _("What the server offers")}>
            <Button id="create-pool-discover" variant="secondary" size="sm" isLoading={busy} isDisabled={busy || (needsHost && !spec.host.trim())}
                    onClick={() => void look()}>
                {type === "netfs" ? _("Find exports") : type === "iscsi" ? _("Find targets") : _("Find volume groups")}
            </Button>
            {error && <Notice id="create-pool-discover-error" variant="warning" isInline isPlain title={error} />}
            {found?.length === 0 && <p id="create-pool-discover-none">{_("Nothing was found.")}</p>}
            {found && found.length > 0 && (
                <FormSelect id="create-pool-found" aria-label={_("Found sources")} value=""
                            onChange={(_e, v) => { const s = found[Number(v)]; if (s) choose(s) }}>
                    <FormSelectOption value="" label={_("Choose one…")} isPlaceholder />
                    {found.map((s, i) => <FormSelectOption key={foundLabel(type, s)} value={String(i)} label={foundLabel(type, s)} />)}
                </FormSelect>
            )}
        </FormGroup>
    );
}

export function PoolFields({ connection, spec, onChange }: Props) {
    const fields = POOL_FIELDS[spec.type];
    const path = normalizePoolPath(spec.path);
    const rewritten = spec.path.trim().startsWith("/") && path !== spec.path.trim();
    const set = (field: Field, value: string): void => onChange({ ...spec, [field]: value });
    const buildLabel = ERASING_BUILD.has(spec.type) ? BUILD_LABELS[spec.type] : undefined;
    return (
        <>
            <FormGroup label={_("Name")} isRequired fieldId="create-pool-name">
                <TextInput id="create-pool-name" value={spec.name} onChange={(_e, name) => onChange({ ...spec, name })} />
            </FormGroup>
            <FormGroup label={_("Type")} fieldId="create-pool-type">
                <FormSelect id="create-pool-type" value={spec.type} onChange={(_e, v) => onChange({ ...spec, type: v as PoolType, build: false })}>
                    {POOL_TYPES.map(t => <FormSelectOption key={t} value={t} label={TYPE_LABELS[t]} />)}
                </FormSelect>
            </FormGroup>
            {fields.filter(f => f !== "path").map(field => (
                <FormGroup key={field} label={FIELD_LABELS[field]} isRequired={!(field === "volumeGroup" || (field === "device" && spec.type === "logical"))}
                           fieldId={`create-pool-${field}`}>
                    <TextInput id={`create-pool-${field}`} value={spec[field]} placeholder={placeholder(spec.type, field)}
                               onChange={(_e, value) => set(field, value)} />
                </FormGroup>
            ))}
            <Discovery connection={connection} spec={spec} onChange={onChange} />
            {fields.includes("path") && (
                <FormGroup label={spec.type === "dir" ? _("Directory") : _("Mount point")} isRequired fieldId="create-pool-path">
                    <TextInput id="create-pool-path" value={spec.path} placeholder={placeholder(spec.type, "path")} onChange={(_e, value) => set("path", value)} />
                    <FormHelperText>
                        <HelperText>
                            <HelperTextItem id="create-pool-path-help">
                                {rewritten ? format(_("Made if it does not exist. Saved as $0."), path) : _("Made if it does not exist.")}
                            </HelperTextItem>
                        </HelperText>
                    </FormHelperText>
                </FormGroup>
            )}
            {buildLabel && (
                <Checkbox id="create-pool-build" label={buildLabel} isChecked={spec.build} onChange={(_e, on) => onChange({ ...spec, build: on })}
                          description={spec.build ? format(_("All data on $0 is lost."), spec.device || _("the device")) : undefined} />
            )}
        </>
    );
}
