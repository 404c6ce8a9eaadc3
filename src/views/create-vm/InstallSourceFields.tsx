// The fields of the cloud image and network install tree sources in the wizard's Installation step.
import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea, TextInput } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { checkUserData, type CloudInitForm, hostnameFor } from "../../operations/create-vm/cloud-init.ts";
import type { FieldProblems } from "../../operations/create-vm/create-vm-form.ts";
import { FieldHelper } from "./FieldHelper.tsx";
import type { StepProps } from "./step-props.ts";

interface FieldsProps extends StepProps {
    problems: FieldProblems;
}

function CloudInitFields({ form, change, problems }: FieldsProps) {
    const ci = form.cloudInit;
    const set = (patch: Partial<CloudInitForm>): void => change({ cloudInit: { ...ci, ...patch } });
    const custom = ci.customUserData.trim() !== "";
    const userDataProblem = custom ? checkUserData(ci.customUserData) : null;
    return (
        <>
            <FormGroup label={_("Host name")} fieldId="create-vm-ci-hostname">
                <TextInput id="create-vm-ci-hostname" value={ci.hostname} placeholder={hostnameFor(form.name)} onChange={(_e, hostname) => set({ hostname })} />
            </FormGroup>
            <FormGroup label={_("User name")} fieldId="create-vm-ci-user" isRequired={!custom}>
                <TextInput id="create-vm-ci-user" value={ci.userName} isDisabled={custom} onChange={(_e, userName) => set({ userName })} />
            </FormGroup>
            <FormGroup label={_("Password")} fieldId="create-vm-ci-password">
                <TextInput id="create-vm-ci-password" type="password" value={ci.password} isDisabled={custom} autoComplete="new-password"
                           onChange={(_e, password) => set({ password })} />
                <FormHelperText><HelperText><HelperTextItem>{_("Stored in the guest's configuration only as a SHA-512 hash.")}</HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <FormGroup label={_("SSH public keys (one a line)")} fieldId="create-vm-ci-keys">
                <TextArea id="create-vm-ci-keys" value={ci.sshKeys} isDisabled={custom} rows={2} resizeOrientation="vertical" onChange={(_e, sshKeys) => set({ sshKeys })} />
                {/* The custom user data's own problem is shown under it. */}
                {!custom && <FieldHelper id="create-vm-ci-error" text={problems.cloudInit} />}
            </FormGroup>
            <FormGroup label={_("Custom user data (replaces the settings above)")} fieldId="create-vm-ci-user-data">
                <TextArea id="create-vm-ci-user-data" value={ci.customUserData} rows={3} resizeOrientation="vertical" placeholder="#cloud-config"
                          validated={userDataProblem ? "error" : "default"} onChange={(_e, customUserData) => set({ customUserData })} />
                {userDataProblem && (
                    <FormHelperText><HelperText><HelperTextItem variant="error" id="create-vm-ci-user-data-error">{userDataProblem}</HelperTextItem></HelperText></FormHelperText>
                )}
            </FormGroup>
        </>
    );
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
    if (props.form.source === "cloud") return <CloudInitFields {...props} />;
    if (props.form.source === "url") return <InstallTreeFields {...props} />;
    return null;
}
