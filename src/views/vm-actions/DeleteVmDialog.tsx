// Delete a VM, offering to delete its disk images too, and saying how many snapshots go with
// it. A running VM is powered off first. Deleted from its own page, the VM list is shown after.
import { Checkbox, Content, List, ListItem, Spinner } from "@patternfly/react-core";
import { useState } from "react";

import { _, format, ngettext } from "../../lib/i18n.ts";
import { domainPath, getDomainXml, XmlFlags } from "../../libvirt/domain-api.ts";
import { isActiveState } from "../../libvirt/domain-state.ts";
import { parseDomainXml } from "../../libvirt/domain-xml.ts";
import { describeError } from "../../libvirt/errors.ts";
import { countSnapshots } from "../../libvirt/snapshot-api.ts";
import { deleteVm, PartialDeleteError } from "../../operations/delete-vm.ts";
import { deletableDisks, proposedForDeletion } from "../../operations/disk-choice.ts";
import { useData } from "../../state/use-data.ts";
import { leaveVmPage } from "../../state/use-location.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";

export function DeleteVmDialog({ vm }: { vm: Vm }) {
    const addAlert = useAddAlert();
    const found = useData(async () => {
        const path = await domainPath(vm);
        const [xml, snapshots] = await Promise.all([
            getDomainXml(vm.connection, path, vm.persistent ? XmlFlags.Inactive : 0),
            countSnapshots(vm.connection, path),
        ]);
        return { disks: deletableDisks(parseDomainXml(xml).disks), snapshots };
    }, [vm]);
    const disks = found.data?.disks ?? null;
    const loadError = found.error === undefined ? null : describeError(found.error).detail;
    const snapshots = found.data?.snapshots ?? 0;
    // The user's choice once made; until then the disks proposed for deletion.
    const [choice, setChosen] = useState<ReadonlySet<string>>();
    const chosen = choice ?? new Set(disks?.filter(d => proposedForDeletion(d, vm.name)).map(d => d.path ?? ""));

    const toggle = (path: string, checked: boolean): void => {
        const next = new Set(chosen);
        if (checked) next.add(path);
        else next.delete(path);
        setChosen(next);
    };

    const submit = async (): Promise<void> => {
        try {
            // Its page would say it does not exist while the images are deleted: the list is shown at once.
            await deleteVm(vm, [...chosen], () => leaveVmPage(vm.connection, vm.name));
            addAlert({ variant: "success", title: format(_("$0 was deleted"), vm.name) });
        } catch (error) {
            if (!(error instanceof PartialDeleteError)) throw error;
            addAlert({ variant: "danger", title: error.described.summary, detail: error.described.detail });
        }
    };

    return (
        <ActionDialog id="delete-vm-dialog" title={format(_("Delete $0?"), vm.name)} submitLabel={_("Delete")} danger
                      onSubmit={submit} isSubmitDisabled={disks === null && loadError === null}>
            <Content component="p">
                {isActiveState(vm.state)
                    ? _("The virtual machine is running. It will be forced off, then its configuration removed.")
                    : _("The virtual machine's configuration will be removed.")}
            </Content>
            {snapshots > 0 && (
                <Content component="p" id="delete-vm-snapshots">
                    {format(ngettext("Its snapshot is deleted too: it can no longer be reverted to. A disk image you keep still holds its data.",
                                     "Its $0 snapshots are deleted too: they can no longer be reverted to. A disk image you keep still holds their data.",
                                     snapshots), snapshots)}
                </Content>
            )}
            {disks === null && loadError === null && <Spinner size="md" aria-label={_("Loading disks")} />}
            {loadError && <Content component="p">{format(_("Its disks could not be listed: $0"), loadError)}</Content>}
            {disks !== null && disks.length > 0 && (
                <>
                    <Content component="p">{_("Also delete these disk images:")}</Content>
                    <List isPlain>
                        {disks.map(disk => (
                            <ListItem key={`${disk.target}-${disk.path ?? ""}`}>
                                <Checkbox id={`delete-disk-${disk.target}`}
                                          data-path={disk.path}
                                          label={`${disk.path ?? ""} (${disk.target}${disk.device === "cdrom" ? ", " + _("CD/DVD") : ""})`}
                                          isChecked={chosen.has(disk.path ?? "")}
                                          onChange={(_event, checked) => toggle(disk.path ?? "", checked)} />
                            </ListItem>
                        ))}
                    </List>
                </>
            )}
            {disks !== null && disks.length === 0 && <Content component="p">{_("It has no disk images that could be deleted.")}</Content>}
        </ActionDialog>
    );
}

