// The wizard's Create: runs the operation with its steps shown, and turns closing the wizard while
// it runs into a cancellation (the operation then removes what it made, and the wizard closes).
import { useRef, useState } from "react";

import { cockpit } from "../../lib/cockpit.ts";
import type { DescribedError } from "../../lib/described-error.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import type { DomainCapabilities } from "../../libvirt/domain-capabilities.ts";
import { describeError } from "../../libvirt/errors.ts";
import { createVm } from "../../operations/create-vm/create-vm.ts";
import type { CreateVmForm } from "../../operations/create-vm/create-vm-form.ts";
import { useAddAlert } from "../common/alerts.tsx";
import { useDialogs } from "../common/dialogs.tsx";

export interface Creation {
    busy: boolean;
    /** The step the creation is at, while it runs. */
    progress: string | undefined;
    error: DescribedError | undefined;
    setError: (error: DescribedError | undefined) => void;
    create: (form: CreateVmForm, caps: DomainCapabilities, problems: readonly string[]) => Promise<void>;
    /** Closes the wizard, or cancels the creation running. */
    close: () => void;
}

export function useCreation(connection: ConnectionId): Creation {
    const dialogs = useDialogs();
    const addAlert = useAddAlert();
    const [error, setError] = useState<DescribedError | undefined>();
    const [busy, setBusy] = useState(false);
    const [progress, setProgress] = useState<string | undefined>();
    const running = useRef<AbortController | undefined>(undefined);

    const create = async (form: CreateVmForm, caps: DomainCapabilities, problems: readonly string[]): Promise<void> => {
        if (problems.length > 0) {
            setError({ kind: "invalid", summary: _("The virtual machine cannot be created yet"), detail: problems.join(" ") });
            return;
        }
        const controller = new AbortController();
        running.current = controller;
        setBusy(true);
        setError(undefined);
        try {
            await createVm(connection, form, caps, { onProgress: setProgress, signal: controller.signal });
            dialogs.close();
            addAlert({ variant: "success", title: format(_("$0 was created"), form.name) });
            cockpit.location.go(["vm", connection, form.name], form.runAfter && form.openConsole ? { tab: "consoles" } : {});
        } catch (e) {
            const described = describeError(e);
            if (described.kind === "cancelled") {
                dialogs.close();
                addAlert({ variant: "info", title: format(_("Creating $0 was cancelled; nothing of it was kept"), form.name) });
                return;
            }
            setError(described);
            setBusy(false);
            setProgress(undefined);
        } finally {
            running.current = undefined;
        }
    };

    const close = (): void => {
        if (!running.current) {
            dialogs.close();
            return;
        }
        running.current.abort();
        setProgress(_("Cancelling…"));
    };

    return { busy, progress, error, setError, create, close };
}
