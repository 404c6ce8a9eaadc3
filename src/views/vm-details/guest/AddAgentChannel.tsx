// Adds the agent's virtio-serial channel to the VM's saved configuration, and to the running VM
// too where it can be hot-plugged: an agent already installed in the guest then starts at once.
import { Button } from "@patternfly/react-core";
import { useState } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { _ } from "../../../lib/i18n.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { addAgentChannel } from "../../../operations/suggestions/fixes.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";

export function AddAgentChannel({ vm, onAdded }: { vm: Vm; onAdded: () => void }) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<DescribedError>();
    const add = async (): Promise<void> => {
        setBusy(true);
        setError(undefined);
        try {
            await addAgentChannel(vm);
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
