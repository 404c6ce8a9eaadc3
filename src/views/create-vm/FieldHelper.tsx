// A wizard field's problem (or warning), shown under it as the user types.
import { FormHelperText, HelperText, HelperTextItem } from "@patternfly/react-core";

export function FieldHelper({ id, text, variant = "error" }: { id: string; text: string | undefined; variant?: "error" | "warning" }) {
    if (!text) return null;
    return <FormHelperText><HelperText><HelperTextItem variant={variant} id={id}>{text}</HelperTextItem></HelperText></FormHelperText>;
}
