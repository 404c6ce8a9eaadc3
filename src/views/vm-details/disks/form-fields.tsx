// Small labelled form controls shared by the device dialogs: a native select and a text input,
// each with a stable id for tests and screen readers.
import { FormGroup, FormSelect, FormSelectOption, TextInput } from "@patternfly/react-core";

export interface Choice {
    value: string;
    label: string;
    disabled?: boolean;
}

export function SelectField({ id, label, value, choices, onChange }: {
    id: string; label: string; value: string; choices: readonly Choice[]; onChange: (value: string) => void;
}) {
    return (
        <FormGroup label={label} fieldId={id}>
            <FormSelect id={id} value={value} onChange={(_event, v) => onChange(v)} aria-label={label}>
                {choices.map(c => <FormSelectOption key={c.value} value={c.value} label={c.label} isDisabled={c.disabled ?? false} />)}
            </FormSelect>
        </FormGroup>
    );
}

export function TextField({ id, label, value, onChange, placeholder = "" }: {
    id: string; label: string; value: string; onChange: (value: string) => void; placeholder?: string;
}) {
    return (
        <FormGroup label={label} fieldId={id}>
            <TextInput id={id} value={value} onChange={(_event, v) => onChange(v)} placeholder={placeholder} aria-label={label} />
        </FormGroup>
    );
}
