// What every part of the wizard's steps is given: the form, and how to change it.
import type { CreateVmForm } from "../../operations/create-vm/create-vm-form.ts";

export interface StepProps {
    form: CreateVmForm;
    change: (patch: Partial<CreateVmForm>) => void;
}
