// Graceful shutdown and reboot by the guest agent (the guest's own shutdown command).
import { Button } from "@patternfly/react-core";
import { useState } from "react";

import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { errorMessage } from "../../../lib/error-message.ts";
import { _ } from "../../../lib/i18n.ts";
import { Notice } from "../../common/Notice.tsx";

export function AgentPower({ client, methods }: { client: AgentClient; methods: readonly string[] }) {
    const [busy, setBusy] = useState<"guest.shutdown" | "guest.reboot">();
    const [done, setDone] = useState<string>();
    const [error, setError] = useState<string>();
    const act = async (method: "guest.shutdown" | "guest.reboot"): Promise<void> => {
        setBusy(method);
        setError(undefined);
        try {
            await client.call(method, {});
            setDone(method === "guest.shutdown" ? _("The guest is shutting down.") : _("The guest is rebooting."));
        } catch (e) {
            setError(errorMessage(e));
        } finally {
            setBusy(undefined);
        }
    };
    const disabled = (m: string) => !methods.includes(m);
    return (
        <div id="guest-power">
            <Button id="guest-shutdown" variant="secondary" isLoading={busy === "guest.shutdown"}
                    isDisabled={busy !== undefined || disabled("guest.shutdown")} onClick={() => void act("guest.shutdown")}>
                {_("Shut down the guest")}
            </Button>
            {" "}
            <Button id="guest-reboot" variant="secondary" isLoading={busy === "guest.reboot"}
                    isDisabled={busy !== undefined || disabled("guest.reboot")} onClick={() => void act("guest.reboot")}>
                {_("Reboot the guest")}
            </Button>
            {done && <Notice id="guest-power-done" variant="info" isInline isPlain title={done} />}
            {error && <Notice id="guest-power-error" variant="danger" isInline title={_("The guest agent could not do this")}>{error}</Notice>}
        </div>
    );
}
