// Shown in place of the display when the VM has no VNC display: offers to add one.
import { Button, EmptyState, EmptyStateActions, EmptyStateBody, EmptyStateFooter } from "@patternfly/react-core";
import { DesktopIcon } from "@patternfly/react-icons";
import { useState } from "react";

import type { DescribedError } from "../../../lib/described-error.ts";
import { _, format } from "../../../lib/i18n.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { describeError } from "../../../libvirt/errors.ts";
import { addVncGraphics } from "../../../libvirt/vnc-graphics.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";

interface NoVncStateProps {
    vm: Vm;
    active: boolean;
    /** Graphics of other kinds the VM has (e.g. SPICE). */
    otherGraphics: string[];
    /** Called after the saved configuration changed. */
    onAdded: () => void;
}

export function NoVncState({ vm, active, otherGraphics, onAdded }: NoVncStateProps) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<DescribedError | null>(null);

    const add = async (): Promise<void> => {
        setBusy(true);
        setError(null);
        try {
            await addVncGraphics(vm.connection, await domainPath(vm));
            onAdded();
        } catch (e) {
            setError(describeError(e));
        } finally {
            setBusy(false);
        }
    };

    const others = otherGraphics.map(t => t.toUpperCase()).join(", ");
    return (
        <EmptyState id="vnc-none" titleText={_("No VNC display")} headingLevel="h2" icon={DesktopIcon}>
            <EmptyStateBody>
                {others
                    ? format(_("This virtual machine has a $0 display, which this console cannot show. Add a VNC display to see its screen here."), others)
                    : _("This virtual machine has no graphical display. Add a VNC display to see its screen here.")}
                {vm.persistent && active && " " + _("The display is added to the saved configuration and appears after the virtual machine is shut down and started again.")}
                {!vm.persistent && " " + _("This virtual machine is transient: it has no saved configuration to add a display to.")}
            </EmptyStateBody>
            {vm.persistent && (
                <EmptyStateFooter>
                    <EmptyStateActions>
                        <Button id="add-vnc" variant="primary" isLoading={busy} isDisabled={busy} onClick={() => void add()}>{_("Add VNC")}</Button>
                    </EmptyStateActions>
                    {error && (
                        <Notice id="add-vnc-error" variant="danger" isInline title={format(_("The VNC display could not be added: $0"), error.summary)}>
                            {error.detail}
                        </Notice>
                    )}
                </EmptyStateFooter>
            )}
        </EmptyState>
    );
}
