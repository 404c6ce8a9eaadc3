// Firmware (BIOS, UEFI, UEFI with Secure Boot) and emulated TPM of a shut-off VM, with what
// the guest will notice said before anything changes.
import { Checkbox, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, List, ListItem } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { domainPath } from "../../../libvirt/domain-api.ts";
import { type DomainCapabilities, getDomainCapabilities, tpmUnavailable } from "../../../libvirt/domain-capabilities.ts";
import type { FirmwareKind, FirmwareSetup } from "../../../libvirt/firmware-xml.ts";
import { changeFirmware } from "../../../operations/change-firmware.ts";
import { useData } from "../../../state/use-data.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { Notice } from "../../common/Notice.tsx";
import { describeFirmwareChange, firmwareLabel } from "./firmware-change.ts";

const KINDS: readonly FirmwareKind[] = ["bios", "efi", "efi-secure"];

/** Why the host cannot give this VM `kind`; undefined when it can (or while unknown). */
function kindUnavailable(kind: FirmwareKind, caps: DomainCapabilities | undefined): string | undefined {
    if (!caps || kind === "bios") return undefined;
    if (!caps.efi) return _("The host has no UEFI firmware for this machine type: install the ovmf package.");
    if (kind === "efi-secure" && !caps.secureBoot) return _("The host has no Secure Boot firmware for this machine type (it needs a Q35 machine).");
    return undefined;
}

export function EditFirmwareDialog({ vm, current, virtType, machine, onApplied }: {
    vm: Vm; current: FirmwareSetup; virtType: string; machine: string | undefined; onApplied: () => void;
}) {
    const [setup, setSetup] = useState<FirmwareSetup>(current);
    // The VM's own machine type and accelerator decide which firmware images fit.
    const caps = useData(() => getDomainCapabilities(vm.connection, virtType === "kvm" ? "kvm" : "qemu", machine ?? ""),
                         [vm.connection, virtType, machine]).data;

    const notices = describeFirmwareChange(current, setup);
    const kindProblem = kindUnavailable(setup.firmware, caps);
    // A TPM the VM has can always be removed; a new one needs swtpm.
    const tpmProblem = current.tpm || !caps ? undefined : tpmUnavailable(caps);

    const submit = async (): Promise<void> => {
        await changeFirmware(vm.connection, await domainPath(vm), setup);
        onApplied();
    };

    return (
        <ActionDialog id="edit-firmware-dialog" title={_("Firmware and TPM")} submitLabel={_("Save")} onSubmit={submit}
                      isSubmitDisabled={notices.length === 0 || !!kindProblem || (setup.tpm && !!tpmProblem)}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Firmware")} fieldId="edit-firmware-kind">
                    <FormSelect id="edit-firmware-kind" value={setup.firmware}
                                onChange={(_e, value) => setSetup({ ...setup, firmware: KINDS.find(k => k === value) ?? "bios" })}>
                        {KINDS.map(kind => (
                            <FormSelectOption key={kind} value={kind} label={firmwareLabel(kind)}
                                              isDisabled={kind !== current.firmware && !!kindUnavailable(kind, caps)} />
                        ))}
                    </FormSelect>
                    {kindProblem && (
                        <FormHelperText><HelperText><HelperTextItem variant="error" id="edit-firmware-kind-problem">{kindProblem}</HelperTextItem></HelperText></FormHelperText>
                    )}
                </FormGroup>
                <FormGroup label={_("Trusted Platform Module")} fieldId="edit-firmware-tpm">
                    <Checkbox id="edit-firmware-tpm" label={_("Emulated TPM 2.0")} isChecked={setup.tpm} isDisabled={!setup.tpm && !!tpmProblem}
                              description={tpmProblem ?? _("Windows 11, BitLocker and measured boot need one.")}
                              onChange={(_e, tpm) => setSetup({ ...setup, tpm })} />
                </FormGroup>
            </Form>
            {notices.length > 0 && (
                <Notice isInline variant={notices.some(n => n.warning) ? "warning" : "info"} title={_("What the guest will notice")} id="edit-firmware-notices">
                    <List>
                        {notices.map(n => <ListItem key={n.id} data-notice={n.id}>{n.text}</ListItem>)}
                    </List>
                </Notice>
            )}
        </ActionDialog>
    );
}
