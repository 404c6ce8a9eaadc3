// Which devices the VM boots from, in which order.
import { Button, DataList, DataListAction, DataListCell, DataListCheck, DataListItem, DataListItemCells, DataListItemRow } from "@patternfly/react-core";
import { AngleDownIcon, AngleUpIcon } from "@patternfly/react-icons";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { BOOT_DEVICES, type BootDevice, withBootOrder } from "../../../libvirt/boot-order.ts";
import { defineDomain, domainPath, getDomainXml, XmlFlags } from "../../../libvirt/domain-api.ts";
import { invalidInput } from "../../../libvirt/errors.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { BOOT_LABELS } from "./boot-labels.ts";

interface Entry { dev: BootDevice; enabled: boolean }

export function EditBootOrderDialog({ vm, order, onApplied }: { vm: Vm; order: readonly string[]; onApplied: () => void }) {
    const [entries, setEntries] = useState<Entry[]>(() => [
        ...order.filter((d): d is BootDevice => BOOT_DEVICES.includes(d as BootDevice)).map(dev => ({ dev, enabled: true })),
        ...BOOT_DEVICES.filter(dev => !order.includes(dev)).map(dev => ({ dev, enabled: false })),
    ]);

    const move = (index: number, by: -1 | 1): void => {
        const next = [...entries];
        const [entry] = next.splice(index, 1);
        if (entry) next.splice(index + by, 0, entry);
        setEntries(next);
    };

    const submit = async (): Promise<void> => {
        const chosen = entries.filter(e => e.enabled).map(e => e.dev);
        if (chosen.length === 0) throw invalidInput(_("Choose at least one device to boot from."));
        const path = await domainPath(vm);
        const xml = await getDomainXml(vm.connection, path, XmlFlags.Secure | XmlFlags.Inactive);
        await defineDomain(vm.connection, withBootOrder(xml, chosen));
        onApplied();
    };

    return (
        <ActionDialog id="edit-boot-order-dialog" title={_("Boot order")} submitLabel={_("Save")} onSubmit={submit}>
            <DataList aria-label={_("Boot order")} isCompact id="boot-order-list">
                {entries.map((entry, index) => (
                    <DataListItem key={entry.dev} data-dev={entry.dev}>
                        <DataListItemRow>
                            <DataListCheck aria-labelledby={`boot-${entry.dev}`} id={`boot-check-${entry.dev}`} isChecked={entry.enabled}
                                           onChange={(_e, checked) => setEntries(entries.map(e => e === entry ? { ...e, enabled: checked } : e))} />
                            <DataListItemCells dataListCells={[<DataListCell key="label" id={`boot-${entry.dev}`}>{BOOT_LABELS[entry.dev] ?? entry.dev}</DataListCell>]} />
                            <DataListAction aria-labelledby={`boot-${entry.dev}`} id={`boot-actions-${entry.dev}`} aria-label={_("Move")}>
                                <Button variant="plain" aria-label={_("Move up")} id={`boot-up-${entry.dev}`} isDisabled={index === 0} onClick={() => move(index, -1)}>
                                    <AngleUpIcon />
                                </Button>
                                <Button variant="plain" aria-label={_("Move down")} id={`boot-down-${entry.dev}`} isDisabled={index === entries.length - 1}
                                        onClick={() => move(index, 1)}>
                                    <AngleDownIcon />
                                </Button>
                            </DataListAction>
                        </DataListItemRow>
                    </DataListItem>
                ))}
            </DataList>
        </ActionDialog>
    );
}

