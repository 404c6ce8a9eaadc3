// Asked when the VNC server wants a password (<graphics passwd=…>).
import { ActionGroup, Button, Form, FormGroup, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";

export function VncPasswordForm({ onSubmit }: { onSubmit: (password: string) => void }) {
    const [password, setPassword] = useState("");
    return (
        <Form id="vnc-password-form" className="vnc-password-form" onSubmit={event => { event.preventDefault(); onSubmit(password) }}>
            <FormGroup label={_("The VNC server asks for a password")} fieldId="vnc-password-input">
                <TextInput id="vnc-password-input" type="password" value={password} autoFocus
                           onChange={(_event, value) => setPassword(value)} />
            </FormGroup>
            <ActionGroup>
                <Button type="submit" variant="primary" id="vnc-password-submit">{_("Connect")}</Button>
            </ActionGroup>
        </Form>
    );
}
