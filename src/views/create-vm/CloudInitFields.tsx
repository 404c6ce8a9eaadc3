// cloud-init's settings: a user with a password or SSH keys, or custom user data. The Create VM
// wizard and New VM from template both use them.
import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea, TextInput } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { checkUserData, type CloudInitForm } from "../../operations/create-vm/cloud-init.ts";
import { FieldHelper } from "./FieldHelper.tsx";

interface CloudInitFieldsProps {
    /** Each field's id is this with its name after it (create-vm-ci-user …). */
    idPrefix: string;
    value: CloudInitForm;
    onChange: (value: CloudInitForm) => void;
    /** Without one, there is no host name field (several VMs are each named after their VM). */
    hostnamePlaceholder?: string;
    problem: string | undefined;
}

export function CloudInitFields({ idPrefix, value: ci, onChange, hostnamePlaceholder, problem }: CloudInitFieldsProps) {
    const set = (patch: Partial<CloudInitForm>): void => onChange({ ...ci, ...patch });
    const custom = ci.customUserData.trim() !== "";
    const userDataProblem = custom ? checkUserData(ci.customUserData) : null;
    return (
        <>
            {hostnamePlaceholder !== undefined && (
                <FormGroup label={_("Host name")} fieldId={`${idPrefix}-hostname`}>
                    <TextInput id={`${idPrefix}-hostname`} value={ci.hostname} placeholder={hostnamePlaceholder} onChange={(_e, hostname) => set({ hostname })} />
                </FormGroup>
            )}
            <FormGroup label={_("User name")} fieldId={`${idPrefix}-user`} isRequired={!custom}>
                <TextInput id={`${idPrefix}-user`} value={ci.userName} isDisabled={custom} onChange={(_e, userName) => set({ userName })} />
            </FormGroup>
            <FormGroup label={_("Password")} fieldId={`${idPrefix}-password`}>
                <TextInput id={`${idPrefix}-password`} type="password" value={ci.password} isDisabled={custom} autoComplete="new-password"
                           onChange={(_e, password) => set({ password })} />
                <FormHelperText><HelperText><HelperTextItem>{_("Stored in the guest's configuration only as a SHA-512 hash.")}</HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <FormGroup label={_("SSH public keys (one a line)")} fieldId={`${idPrefix}-keys`}>
                <TextArea id={`${idPrefix}-keys`} value={ci.sshKeys} isDisabled={custom} rows={2} resizeOrientation="vertical" onChange={(_e, sshKeys) => set({ sshKeys })} />
                {/* The custom user data's own problem is shown under it. */}
                {!custom && <FieldHelper id={`${idPrefix}-error`} text={problem} />}
            </FormGroup>
            <FormGroup label={_("Custom user data (replaces the settings above)")} fieldId={`${idPrefix}-user-data`}>
                <TextArea id={`${idPrefix}-user-data`} value={ci.customUserData} rows={3} resizeOrientation="vertical" placeholder="#cloud-config"
                          validated={userDataProblem ? "error" : "default"} onChange={(_e, customUserData) => set({ customUserData })} />
                {userDataProblem && (
                    <FormHelperText><HelperText><HelperTextItem variant="error" id={`${idPrefix}-user-data-error`}>{userDataProblem}</HelperTextItem></HelperText></FormHelperText>
                )}
            </FormGroup>
        </>
    );
}
