// The VM's network interfaces as libvirt holds them.
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { _ } from "../../../lib/i18n.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";

export function NicsTab({ config }: VmTabProps) {
    const live = config.live;
    if (!live) return <ConfigLoading config={config} />;
    return (
        <Table aria-label={_("Network interfaces")} variant="compact" id="vm-nics">
            <Thead>
                <Tr>
                    <Th>{_("Type")}</Th>
                    <Th>{_("Source")}</Th>
                    <Th>{_("Model")}</Th>
                    <Th>{_("MAC address")}</Th>
                    <Th>{_("Link")}</Th>
                </Tr>
            </Thead>
            <Tbody>
                {live.interfaces.map(nic => (
                    <Tr key={nic.mac} data-mac={nic.mac} className="vm-nic-row">
                        <Td>{nic.type}</Td>
                        <Td>{nic.source}</Td>
                        <Td>{nic.model ?? ""}</Td>
                        <Td>{nic.mac}</Td>
                        <Td>{nic.linkUp ? _("Up") : _("Down")}</Td>
                    </Tr>
                ))}
            </Tbody>
        </Table>
    );
}
