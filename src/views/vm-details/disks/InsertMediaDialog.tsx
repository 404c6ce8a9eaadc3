// Insert media into a CD/DVD drive: an ISO image typed as a path or picked from a pool.
import { Form } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainDisk } from "../../../libvirt/domain-xml.ts";
import { setMedia } from "../../../operations/disk-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { type Choice, SelectField, TextField } from "./form-fields.tsx";
import { usePoolVolumes, useStoragePools } from "./use-storage-pools.ts";

export function InsertMediaDialog({ vm, disk, onDone }: { vm: Vm; disk: DomainDisk; onDone: () => void }) {
    const { pools } = useStoragePools(vm.connection);
    const [pool, setPool] = useState("");
    const volumes = usePoolVolumes(vm.connection, pool || null);
    const [path, setPath] = useState("");

    const poolChoices: Choice[] = [{ value: "", label: _("Type a path") },
        ...(pools ?? []).filter(p => p.active).map(p => ({ value: p.object, label: p.name }))];
    const volumeChoices: Choice[] = [{ value: "", label: _("Choose an image") },
        ...(volumes ?? []).filter(v => v.type === 0).map(v => ({ value: v.path, label: v.name }))];

    const submit = async (): Promise<void> => {
        await setMedia(vm, disk.target, path.trim(), scopeFor(isActiveState(vm.state), vm.persistent));
        onDone();
    };

    return (
        <ActionDialog id="insert-media-dialog" title={format(_("Insert media into $0"), disk.target)} submitLabel={_("Insert")}
                      onSubmit={submit} isSubmitDisabled={path.trim() === ""}>
            <Form onSubmit={event => event.preventDefault()}>
                <SelectField id="insert-media-pool" label={_("Storage pool")} value={pool} choices={poolChoices} onChange={setPool} />
                {pool && <SelectField id="insert-media-volume" label={_("Image")} value={path} choices={volumeChoices} onChange={setPath} />}
                <TextField id="insert-media-path" label={_("Image path on the host")} value={path} onChange={setPath} placeholder="/var/lib/libvirt/images/install.iso" />
            </Form>
        </ActionDialog>
    );
}
