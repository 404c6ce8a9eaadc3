// Adds the agent's virtio-serial channel to the VM's saved configuration.
import { Alert, Button } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { agentChannelXml } from "../../../libvirt/agent-channel-xml.ts";
import { attachDeviceToConfig } from "../../../libvirt/domain-api.ts";
import { describeError, type DescribedError } from "../../../libvirt/errors.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { domainPath } from "../../vm-actions/vm-actions.ts";

export function AddAgentChannel({ vm, onAdded }: { vm: Vm; onAdded: () => void }) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<DescribedError>();
    const add = async (): Promise<void> => {
        setBusy(true);
        setError(undefined);
        try {
            const path = await domainPath(vm);
            await attachDeviceToConfig(vm.connection, path, agentChannelXml());
            onAdded();
        } catch (e) {
            setError(describeError(e));
        } finally {
            setBusy(false);
        }
    };
    return (
        <>
            <Button id="guest-add-channel" variant="secondary" isLoading={busy} isDisabled={busy} onClick={() => void add()}>
                {_("Add the agent channel")}
            </Button>
            {error && (
                <Alert id="guest-add-channel-error" variant="danger" isInline title={error.summary}>{error.detail}</Alert>
            )}
        </>
    );
}
