// Graceful shutdown and reboot done by qemu-guest-agent, asked through libvirt.
import { Button } from "@patternfly/react-core";
import { useState } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { _ } from "../../../lib/i18n.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { rebootByGuestAgent, shutdownByGuestAgent } from "../../../libvirt/guest-info.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";

type Action = "shutdown" | "reboot";

export function QemuAgentPower({ vm }: { vm: Pick<Vm, "connection" | "name" | "path"> }) {
    const [busy, setBusy] = useState<Action>();
    const [done, setDone] = useState<string>();
    const [error, setError] = useState<DescribedError>();
    const act = async (action: Action): Promise<void> => {
        setBusy(action);
        setError(undefined);
        setDone(undefined);
        try {
            const path = await domainPath(vm);
            await (action === "shutdown" ? shutdownByGuestAgent : rebootByGuestAgent)(vm.connection, path);
            setDone(action === "shutdown" ? _("The guest is shutting down.") : _("The guest is rebooting."));
        } catch (e) {
            setError(describeError(e));
        } finally {
            setBusy(undefined);
        }
    };
    return (
        <div id="guest-qga-power">
            <Button id="guest-qga-shutdown" variant="secondary" isLoading={busy === "shutdown"} isDisabled={busy !== undefined}
                    onClick={() => void act("shutdown")}>
                {_("Shut down the guest")}
            </Button>
            {" "}
            <Button id="guest-qga-reboot" variant="secondary" isLoading={busy === "reboot"} isDisabled={busy !== undefined}
                    onClick={() => void act("reboot")}>
                {_("Reboot the guest")}
            </Button>
            {done && <Notice id="guest-qga-power-done" variant="info" isInline isPlain title={done} />}
            {error && (
                <Notice id="guest-qga-power-error" variant="danger" isInline title={_("qemu-guest-agent could not do this")}>
                    {error.summary}{error.detail ? `: ${error.detail}` : ""}
                </Notice>
            )}
        </div>
    );
}
