// What only the KVM Manager guest agent offers, shown disabled while the guest has
// qemu-guest-agent alone, with the reason (how to install ours follows on the tab).
import { Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { GuestSection } from "./GuestSection.tsx";

function Reason({ id, text }: { id: string; text: string }) {
    return (
        <HelperText>
            <HelperTextItem id={id} variant="warning">{text}</HelperTextItem>
        </HelperText>
    );
}

export function NeedsKvmmAgent() {
    const why = _("libvirt offers no way to run commands or move files through qemu-guest-agent from here.");
    return (
        <>
            <GuestSection id="guest-section-run" title={_("Run a command")}>
                <Form id="guest-run" onSubmit={e => e.preventDefault()}>
                    <FormGroup label={_("Command")} fieldId="guest-run-command">
                        <TextInput id="guest-run-command" value="" isDisabled aria-label={_("Command")} />
                        <FormHelperText>
                            <Reason id="guest-run-disabled" text={`${_("Running commands needs the KVM Manager guest agent (kvmm-agent).")} ${why}`} />
                        </FormHelperText>
                    </FormGroup>
                    <div><Button id="guest-run-submit" isDisabled>{_("Run")}</Button></div>
                </Form>
            </GuestSection>
            <GuestSection id="guest-section-files" title={_("Files")}>
                <Reason id="guest-files-disabled" text={`${_("Uploading and downloading files needs the KVM Manager guest agent (kvmm-agent).")} ${why}`} />
                <Button id="guest-upload-submit" variant="secondary" isDisabled>{_("Upload")}</Button>
                {" "}
                <Button id="guest-download-submit" variant="secondary" isDisabled>{_("Download")}</Button>
            </GuestSection>
            <GuestSection id="guest-section-metrics" title={_("Usage inside the guest")}>
                <Reason id="guest-metrics-disabled"
                        text={_("Graphs of the guest's CPU cores, memory, load, disks, network and processes need the KVM Manager guest agent (kvmm-agent).")} />
            </GuestSection>
        </>
    );
}
