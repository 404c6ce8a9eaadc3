// Runs a program in the guest through the agent and shows what it printed.
import { Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import type { ExecResult } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { _, format } from "../../../lib/i18n.ts";

import { splitArgv } from "./argv.ts";

const EXEC_TIMEOUT_MS = 60_000;

export function RunCommand({ client, disabledReason }: { client: AgentClient; disabledReason: string | undefined }) {
    const [line, setLine] = useState("");
    const [busy, setBusy] = useState(false);
    const [result, setResult] = useState<ExecResult>();
    const [error, setError] = useState<string>();

    const run = async (): Promise<void> => {
        setError(undefined);
        setResult(undefined);
        let argv: string[];
        try {
            argv = splitArgv(line);
        } catch {
            setError(_("The command has an unterminated quote."));
            return;
        }
        if (argv.length === 0) {
            setError(_("Enter a program and its arguments."));
            return;
        }
        setBusy(true);
        try {
            setResult(await client.call("guest.exec", { argv, outputEncoding: "utf8", timeoutMs: EXEC_TIMEOUT_MS }, EXEC_TIMEOUT_MS + 10_000));
        } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
        } finally {
            setBusy(false);
        }
    };

    const status = result && (result.timedOut
        ? _("Timed out")
        : result.signal ? format(_("Killed by $0"), result.signal) : format(_("Exit code $0"), result.exitCode ?? "?"));
    return (
        <Form id="guest-run" onSubmit={e => { e.preventDefault(); void run() }}>
            <FormGroup label={_("Command")} fieldId="guest-run-command">
                <TextInput id="guest-run-command" value={line} onChange={(_e, v) => setLine(v)}
                           isDisabled={disabledReason !== undefined} placeholder="uname -a" />
                <FormHelperText>
                    <HelperText>
                        <HelperTextItem id={disabledReason ? "guest-run-disabled" : "guest-run-help"}
                                        variant={disabledReason ? "warning" : "default"}>
                            {disabledReason ?? _("A program and its arguments, run without a shell. Quote arguments that contain spaces.")}
                        </HelperTextItem>
                    </HelperText>
                </FormHelperText>
            </FormGroup>
            <div>
                <Button id="guest-run-submit" type="submit" isLoading={busy} isDisabled={busy || disabledReason !== undefined}>
                    {_("Run")}
                </Button>
            </div>
            {error && <Alert id="guest-run-error" variant="danger" isInline title={_("The command could not be run")}>{error}</Alert>}
            {result && (
                <div id="guest-run-result" data-exit-code={result.exitCode ?? ""}>
                    <p id="guest-run-status">{status}</p>
                    <pre id="guest-run-stdout" className="guest-output">{result.stdout}</pre>
                    {result.stderr && <pre id="guest-run-stderr" className="guest-output guest-output-error">{result.stderr}</pre>}
                </div>
            )}
        </Form>
    );
}
