// The dialog shell: runs the submit with a spinner and, when it fails, keeps the dialog open
// with the reason in an inline alert.
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, ModalVariant } from "@patternfly/react-core";
import { type ReactNode, useState } from "react";

import type { DescribedError } from "../../lib/described-error.ts";
import { _ } from "../../lib/i18n.ts";
import { describeError } from "../../libvirt/errors.ts";
import { useDialogs } from "./dialogs.tsx";
import { Notice } from "./Notice.tsx";

interface ActionDialogProps {
    title: string;
    children: ReactNode;
    submitLabel: string;
    danger?: boolean;
    /** Resolves when done (the dialog closes); rejects to show the error. */
    onSubmit: () => Promise<void>;
    isSubmitDisabled?: boolean;
    id?: string;
    /** How a failure is put into words; libvirt's and D-Bus's errors by default. */
    describe?: (error: unknown) => DescribedError;
    /** Shown while the submit runs (a long operation's steps and copies). */
    progress?: ReactNode;
    /** The running submit can be cancelled: Cancel (and closing) stay possible and call this. */
    onCancelRunning?: () => void;
    /** The dialog stays open once the submit is done, with only Close: its body shows the outcome (a bulk run's results). */
    stayOpenWhenDone?: boolean;
}

export function ActionDialog({ title, children, submitLabel, danger = false, onSubmit, isSubmitDisabled = false, id = "action-dialog", describe = describeError,
                              progress, onCancelRunning, stayOpenWhenDone = false }: ActionDialogProps) {
    const dialogs = useDialogs();
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<DescribedError | null>(null);
    const [done, setDone] = useState(false);

    const submit = async (): Promise<void> => {
        setBusy(true);
        setError(null);
        try {
            await onSubmit();
            if (!stayOpenWhenDone) {
                dialogs.close();
                return;
            }
            setDone(true);
            setBusy(false);
        } catch (e) {
            setError(describe(e));
            setBusy(false);
            // Long forms scroll: bring the reason into view once it is rendered.
            requestAnimationFrame(() => document.querySelector(`#${id} .dialog-error`)?.scrollIntoView({ block: "nearest" }));
        }
    };

    const cancel = busy && onCancelRunning ? onCancelRunning : dialogs.close;
    return (
        <Modal id={id} isOpen variant={ModalVariant.small} onClose={cancel} aria-labelledby={`${id}-title`}>
            <ModalHeader title={title} labelId={`${id}-title`} {...(danger ? { titleIconVariant: "warning" } : {})} />
            <ModalBody>
                {children}
                {busy && progress}
                {error && (
                    <Notice variant="danger" isInline title={error.summary} className="dialog-error">
                        {error.detail || null}
                    </Notice>
                )}
            </ModalBody>
            <ModalFooter>
                {!done && (
                    <Button variant={danger ? "danger" : "primary"} onClick={() => void submit()}
                            isLoading={busy} isDisabled={busy || isSubmitDisabled} id={`${id}-submit`}>
                        {submitLabel}
                    </Button>
                )}
                {done
                    ? <Button variant="primary" onClick={dialogs.close} id={`${id}-close`}>{_("Close")}</Button>
                    : <Button variant="link" onClick={cancel} isDisabled={busy && !onCancelRunning} id={`${id}-cancel`}>{_("Cancel")}</Button>}
            </ModalFooter>
        </Modal>
    );
}
