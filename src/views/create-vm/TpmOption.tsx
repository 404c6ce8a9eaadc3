// The wizard's TPM choice: an emulated TPM 2.0 where the host's domain capabilities allow
// one, otherwise shown disabled with the reason.
import { Checkbox, FormGroup } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { type DomainCapabilities, tpmUnavailable } from "../../libvirt/domain-capabilities.ts";
import type { StepProps } from "./step-props.ts";

export function TpmOption({ form, change, caps }: StepProps & { caps: DomainCapabilities | undefined }) {
    const reason = caps ? tpmUnavailable(caps) : _("Reading what the host offers…");
    return (
        <FormGroup label={_("Trusted Platform Module")} fieldId="create-vm-tpm">
            <Checkbox id="create-vm-tpm" label={_("Emulated TPM 2.0")} isChecked={form.tpm && !reason} isDisabled={!!reason}
                      description={reason ?? _("Windows 11 and measured boot need one.")} onChange={(_e, tpm) => change({ tpm })} />
        </FormGroup>
    );
}
