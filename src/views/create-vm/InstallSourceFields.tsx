// The fields of the cloud image and network install tree sources in the wizard's Installation step.
import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { hostnameFor } from "../../operations/create-vm/cloud-init.ts";
import type { FieldProblems } from "../../operations/create-vm/create-vm-form.ts";
import { CloudInitFields } from "./CloudInitFields.tsx";
import { FieldHelper } from "./FieldHelper.tsx";
import type { StepProps } from "./step-props.ts";

interface FieldsProps extends StepProps {
    problems: FieldProblems;
}

function WizardCloudInitFields({ form, change, problems }: FieldsProps) {
    return <CloudInitFields idPrefix="create-vm-ci" value={form.cloudInit} onChange={cloudInit => change({ cloudInit })}
                            hostnamePlaceholder={hostnameFor(form.name)} problem={problems.cloudInit} />;
}

function InstallTreeFields({ form, change, problems }: FieldsProps) {
    return (
        <>
            <FormGroup label={_("Installation tree URL")} fieldId="create-vm-tree-url" isRequired>
                <TextInput id="create-vm-tree-url" type="url" value={form.treeUrl} placeholder="https://…/fedora/linux/releases/40/Everything/x86_64/os/"
                           validated={problems.treeUrl ? "error" : "default"} onChange={(_e, treeUrl) => change({ treeUrl })} />
                <FieldHelper id="create-vm-tree-url-error" text={problems.treeUrl} />
                <FormHelperText><HelperText><HelperTextItem>
                    {_("The installer's kernel and initrd are downloaded from the tree and started directly. Once the system is installed, the VM's overview offers to boot from disk.")}
                </HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <FormGroup label={_("Extra kernel arguments")} fieldId="create-vm-tree-args">
                <TextInput id="create-vm-tree-args" value={form.treeArgs} placeholder="console=ttyS0" onChange={(_e, treeArgs) => change({ treeArgs })} />
            </FormGroup>
        </>
    );
}

export function InstallSourceFields(props: FieldsProps) {
    if (props.form.source === "cloud") return <WizardCloudInitFields {...props} />;
    if (props.form.source === "url") return <InstallTreeFields {...props} />;
    return null;
}
