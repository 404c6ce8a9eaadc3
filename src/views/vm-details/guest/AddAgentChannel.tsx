// Adds the agent's virtio-serial channel to the VM's saved configuration, and to the running VM
// too where it can be hot-plugged: an agent already installed in the guest then starts at once.
import { Button } from "@patternfly/react-core";
import { useState } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { _ } from "../../../lib/i18n.ts";
import { agentChannelXml } from "../../../libvirt/agent-channel-xml.ts";
import { AFFECT_CONFIG, AFFECT_LIVE, attachDevice } from "../../../libvirt/device-api.ts";
import { attachDeviceToConfig, domainPath } from "../../../libvirt/domain-api.ts";
import { describeError } from "../../../libvirt/errors.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";

/** hotplug: the VM runs with a virtio-serial controller, so the channel can be added live too. */
export function AddAgentChannel({ vm, hotplug, onAdded }: { vm: Vm; hotplug: boolean; onAdded: () => void }) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<DescribedError>();
    const add = async (): Promise<void> => {
        setBusy(true);
        setError(undefined);
        try {
            const path = await domainPath(vm);
            if (hotplug) await attachDevice(vm.connection, path, agentChannelXml(), AFFECT_LIVE | AFFECT_CONFIG);
            else await attachDeviceToConfig(vm.connection, path, agentChannelXml());
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
                <Notice id="guest-add-channel-error" variant="danger" isInline title={error.summary}>{error.detail}</Notice>
            )}
        </>
    );
}
