// The VM's disks as libvirt holds them.
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { _ } from "../../../lib/i18n.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

export function DisksTab({ config }: VmTabProps) {
    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    return (
        <Table aria-label={_("Disks")} variant="compact" id="vm-disks">
            <Thead>
                <Tr>
                    <Th>{_("Target")}</Th>
                    <Th>{_("Device")}</Th>
                    <Th>{_("Bus")}</Th>
                    <Th>{_("Source")}</Th>
                    <Th>{_("Format")}</Th>
                    <Th>{_("Access")}</Th>
                </Tr>
            </Thead>
            <Tbody>
                {live.disks.map(disk => (
                    <Tr key={disk.target} data-disk-target={disk.target} className="vm-disk-row">
                        <Td>{disk.target}</Td>
                        <Td>{disk.device}</Td>
                        <Td>{disk.bus ?? ""}</Td>
                        <Td>{disk.path ?? (disk.volume ? `${disk.pool ?? ""}/${disk.volume}` : "")}</Td>
                        <Td>{disk.format ?? ""}</Td>
                        <Td>{disk.readonly ? _("Read-only") : _("Writeable")}</Td>
                    </Tr>
                ))}
            </Tbody>
        </Table>
    );
}
