// Creates a NAT network with DHCP: defined, started, started at boot.
import { Form, FormGroup, Grid, GridItem, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { createNatNetwork } from "../../libvirt/network-api.ts";
import type { NatNetworkSpec } from "../../libvirt/network-xml.ts";
import { networkSync } from "../../state/host-resources.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";

import { type NetworkProblem, validateNatNetwork } from "./network-defaults.ts";

const PROBLEMS: Record<NetworkProblem, string> = {
    name: _("Enter a name."),
    "name-slash": _("A name cannot contain \"/\"."),
    bridge: _("Enter a bridge name of at most 15 letters, digits, \"-\", \"_\" or \".\"."),
    address: _("Enter the host's IPv4 address on the network, e.g. 192.168.122.1."),
    prefix: _("Enter a prefix length between 8 and 30."),
    dhcp: _("Enter the first and last IPv4 address DHCP hands out."),
    "dhcp-outside": _("The DHCP range must lie inside the network."),
    "dhcp-order": _("The DHCP range must start before it ends."),
};

type Field = "name" | "bridge" | "address" | "dhcpStart" | "dhcpEnd";

export function CreateNetworkDialog({ connection, initial, title }: { connection: ConnectionId; initial: NatNetworkSpec; title: string }) {
    const [spec, setSpec] = useState(initial);
    const [prefix, setPrefix] = useState(String(initial.prefix));
    const [touched, setTouched] = useState(false);
    const full: NatNetworkSpec = { ...spec, name: spec.name.trim(), prefix: /^\d+$/.test(prefix.trim()) ? Number(prefix) : NaN };
    const problem = validateNatNetwork(full);

    const submit = async (): Promise<void> => {
        setTouched(true);
        if (problem) throw invalidInput(PROBLEMS[problem]);
        const path = await createNatNetwork(connection, full);
        await networkSync(connection).refresh(path);
    };

    const input = (field: Field, label: string) => (
        <FormGroup label={label} isRequired fieldId={`create-network-${field}`}>
            <TextInput id={`create-network-${field}`} value={spec[field]}
                       onChange={(_e, value) => { setSpec({ ...spec, [field]: value }); setTouched(true) }} />
        </FormGroup>
    );

    return (
        <ActionDialog id="create-network-dialog" title={title} submitLabel={_("Create")} onSubmit={submit}>
            <Form onSubmit={event => event.preventDefault()}>
                <p>{_("A private network whose VMs reach the outside through the host (NAT), with addresses from DHCP. It is started now and whenever the host boots.")}</p>
                {input("name", _("Name"))}
                {input("bridge", _("Bridge device"))}
                <Grid hasGutter>
                    <GridItem span={8}>{input("address", _("Host address"))}</GridItem>
                    <GridItem span={4}>
                        <FormGroup label={_("Prefix length")} isRequired fieldId="create-network-prefix">
                            <TextInput id="create-network-prefix" value={prefix} onChange={(_e, value) => { setPrefix(value); setTouched(true) }} />
                        </FormGroup>
                    </GridItem>
                    <GridItem span={6}>{input("dhcpStart", _("DHCP from"))}</GridItem>
                    <GridItem span={6}>{input("dhcpEnd", _("DHCP to"))}</GridItem>
                </Grid>
                {touched && problem && (
                    <HelperText id="create-network-problem"><HelperTextItem variant="error">{PROBLEMS[problem]}</HelperTextItem></HelperText>
                )}
            </Form>
        </ActionDialog>
    );
}
