// "Type text…" on the VNC console: a text (a password, a command) typed into the guest as key
// presses, for guests whose clipboard the console cannot reach.
import { Checkbox, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../../lib/i18n.ts";
import { ActionDialog } from "../../common/ActionDialog.tsx";
import { type KeySender, keyStrokes, typeStrokes, untypeable } from "./send-keys.ts";

interface TypeTextDialogProps {
    /** The connected console, or null once it is gone. */
    sender: () => KeySender | null;
    /** Gives the keyboard back to the display when the typing is done. */
    onTyped: () => void;
}

export function TypeTextDialog({ sender, onTyped }: TypeTextDialogProps) {
    const [text, setText] = useState("");
    const [enter, setEnter] = useState(false);
    const missing = untypeable(text);

    const submit = async (): Promise<void> => {
        const target = sender();
        if (!target) throw new Error(_("The console is not connected."));
        await typeStrokes(target, keyStrokes(text, enter));
        onTyped();
    };

    return (
        <ActionDialog id="vnc-type-text-dialog" title={_("Type text")} submitLabel={_("Type")} onSubmit={submit}
                      isSubmitDisabled={text === "" || missing.length > 0}>
            <Form onSubmit={e => e.preventDefault()}>
                <FormGroup label={_("Text")} fieldId="vnc-type-text-input">
                    <TextInput id="vnc-type-text-input" value={text} autoComplete="off" spellCheck={false}
                               validated={missing.length > 0 ? "error" : "default"} onChange={(_e, value) => setText(value)} />
                    <FormHelperText>
                        <HelperText>
                            {missing.length > 0
                                ? <HelperTextItem id="vnc-type-text-untypeable" variant="error">
                                    {format(_("These characters cannot be typed: $0"), missing.map(c => JSON.stringify(c)).join(" "))}
                                </HelperTextItem>
                                : <HelperTextItem>
                                    {_("Typed as on a US keyboard: letters, digits, space and the symbols on a US keyboard. Other characters, tabs and line breaks cannot be typed.")}
                                </HelperTextItem>}
                        </HelperText>
                    </FormHelperText>
                </FormGroup>
                <Checkbox id="vnc-type-text-enter" label={_("Press Enter afterwards")} isChecked={enter} onChange={(_e, checked) => setEnter(checked)} />
            </Form>
        </ActionDialog>
    );
}
