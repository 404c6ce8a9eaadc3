// Add a disk: a new volume in a storage pool, an existing volume, or an image file or block
// device given by path; as a disk or a CD/DVD drive. Hot-plugged into a running VM.
import { Checkbox, Form, Radio } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import {
    type CacheMode, type DiskBus, type DiskFormat, formatFromPath, nextTarget, sizeToBytes, volumeNameProblem,
} from "../../../libvirt/device-xml.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import { attachDisk, attachNewVolume, checkImagePath, usedTargets } from "../../../operations/disk-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { DiskSourceFields, type SourceChoice } from "./DiskSourceFields.tsx";
import { type Choice, SelectField } from "./form-fields.tsx";
import { usePoolVolumes, useStoragePools } from "./use-storage-pools.ts";

const BUSES: Choice[] = [
    { value: "virtio", label: "VirtIO" }, { value: "scsi", label: "SCSI" }, { value: "sata", label: "SATA" },
    { value: "usb", label: "USB" }, { value: "ide", label: "IDE" },
];
const CACHES: Choice[] = ["default", "none", "writeback", "writethrough", "directsync", "unsafe"]
        .map(c => ({ value: c, label: c === "default" ? _("Hypervisor default") : c }));

export function AddDiskDialog({ vm, onDone }: { vm: Vm; onDone: () => void }) {
    const running = isActiveState(vm.state);
    const { pools, error: poolError } = useStoragePools(vm.connection);
    const [source, setSource] = useState<SourceChoice>({ kind: "new", pool: "", name: "", size: "1", unit: "GiB", format: "qcow2", volume: "", path: "" });
    const firstActive = pools?.find(p => p.active)?.object ?? "";
    const pool = source.pool || firstActive;
    const volumes = usePoolVolumes(vm.connection, source.kind === "path" || !pool ? null : pool);
    const [device, setDevice] = useState<"disk" | "cdrom">("disk");
    const [bus, setBus] = useState<DiskBus>("virtio");
    const [cache, setCache] = useState<CacheMode>("default");
    const [readonly, setReadonly] = useState(false);
    const [keep, setKeep] = useState(true);

    const chooseDevice = (value: "disk" | "cdrom"): void => {
        setDevice(value);
        setBus(value === "cdrom" ? (running ? "scsi" : "sata") : "virtio");
        if (value === "cdrom" && source.kind === "new") setSource({ ...source, kind: "path" });
    };

    const submit = async (): Promise<void> => {
        const scope = scopeFor(running, vm.persistent, keep);
        const target = nextTarget(bus, await usedTargets(vm));
        const common = { device, target, bus, cache, readonly: readonly || device === "cdrom" };
        if (source.kind === "new") {
            const nameProblem = volumeNameProblem(source.name);
            if (nameProblem) throw invalidInput(_("The disk was not added"), nameProblem);
            const bytes = sizeToBytes(source.size, source.unit);
            if (!Number.isFinite(bytes)) throw invalidInput(_("The disk was not added"), _("Enter the size as a positive number."));
            if (!pool) throw invalidInput(_("The disk was not added"), _("Choose a storage pool."));
            await attachNewVolume(vm, { pool, name: source.name.trim(), bytes, format: source.format }, common, scope);
        } else if (source.kind === "volume") {
            const volume = volumes?.find(v => v.object === source.volume) ?? volumes?.[0];
            if (!volume) throw invalidInput(_("The disk was not added"), _("Choose a volume."));
            const volumeFormat: DiskFormat = volume.format === "qcow2" ? "qcow2" : "raw";
            await attachDisk(vm, { ...common, path: volume.path, sourceType: volume.type === 1 ? "block" : "file", format: volumeFormat }, scope);
        } else {
            const path = source.path.trim();
            if (device === "cdrom" && path === "") {
                await attachDisk(vm, { ...common, path: "", sourceType: "file", format: "raw" }, scope);
            } else {
                const kind = await checkImagePath(vm, path);
                await attachDisk(vm, { ...common, path, sourceType: kind, format: source.format }, scope);
            }
        }
        onDone();
    };

    return (
        <ActionDialog id="add-disk-dialog" title={format(_("Add a disk to $0"), vm.name)} submitLabel={_("Add")} onSubmit={submit}
                      isSubmitDisabled={pools === null}>
            <Form onSubmit={event => event.preventDefault()}>
                <div role="radiogroup" aria-label={_("Device")}>
                    <Radio id="add-disk-device-disk" name="add-disk-device" label={_("Disk")} isChecked={device === "disk"} onChange={() => chooseDevice("disk")} />
                    <Radio id="add-disk-device-cdrom" name="add-disk-device" label={_("CD/DVD drive")} isChecked={device === "cdrom"} onChange={() => chooseDevice("cdrom")} />
                </div>
                <DiskSourceFields source={{ ...source, pool }} onChange={next => setSource(next.kind === "path" && next.path !== source.path ? { ...next, format: formatFromPath(next.path) } : next)}
                                  pools={pools ?? []} poolError={poolError} volumes={volumes} allowNew={device === "disk"} />
                <SelectField id="add-disk-bus" label={_("Bus")} value={bus} choices={BUSES} onChange={v => setBus(v as DiskBus)} />
                <SelectField id="add-disk-cache" label={_("Cache")} value={cache} choices={CACHES} onChange={v => setCache(v as CacheMode)} />
                {device === "disk" && <Checkbox id="add-disk-readonly" label={_("Read-only")} isChecked={readonly} onChange={(_e, c) => setReadonly(c)} />}
                {running && vm.persistent && (
                    <Checkbox id="add-disk-permanent" label={_("Keep it after the virtual machine shuts down")} isChecked={keep} onChange={(_e, c) => setKeep(c)} />
                )}
            </Form>
        </ActionDialog>
    );
}
