// Adds the agent's virtio-serial channel to the VM's saved configuration, and to the running VM
// too where it can be hot-plugged: an agent already installed in the guest then starts at once.
import { Button } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { addAgentChannel } from "../../../operations/suggestions/fixes.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";
import { useInlineAction } from "../../common/use-inline-action.ts";

export function AddAgentChannel({ vm, onAdded }: { vm: Vm; onAdded: () => void }) {
    const { busy, error, run } = useInlineAction();
    const add = () => run(() => addAgentChannel(vm), onAdded);
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
