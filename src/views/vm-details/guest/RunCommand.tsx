// Runs a program (or, when asked, a shell command line) in the guest through the agent and
// shows its output as it comes, with Stop.
import { Button, Checkbox, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, Spinner, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import type { ExecStatus } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { _, format } from "../../../lib/i18n.ts";
import { Notice } from "../../common/Notice.tsx";
import { splitArgv } from "./argv.ts";
import type { CappedOutput } from "./command-output.ts";
import { useGuestCommand } from "./use-guest-command.ts";

function endText(end: ExecStatus): string {
    if (end.timedOut) return _("Timed out");
    if (end.signal) return format(_("Killed by $0"), end.signal);
    return format(_("Exit code $0"), end.exitCode ?? "?");
}

function Output({ id, output, className }: { id: string; output: CappedOutput; className: string }) {
    return (
        <>
            {output.dropped > 0 && <p className="guest-output-dropped">{format(_("The first $0 characters are not shown."), output.dropped)}</p>}
            <pre id={id} className={className}>{output.text}</pre>
        </>
    );
}

export function RunCommand({ client, disabledReason }: { client: AgentClient; disabledReason: string | undefined }) {
    const [line, setLine] = useState("");
    const [shell, setShell] = useState(false);
    const [problem, setProblem] = useState<string>();
    const [stopping, setStopping] = useState(false);
    const { state, run, stop, clear } = useGuestCommand(client);

    const submit = (): void => {
        setProblem(undefined);
        setStopping(false);
        clear();
        let argv: string[];
        if (shell) {
            argv = line.trim() === "" ? [] : [line];
        } else {
            try {
                argv = splitArgv(line);
            } catch {
                setProblem(_("The command has an unterminated quote."));
                return;
            }
        }
        if (argv.length === 0) {
            setProblem(shell ? _("Enter a command line.") : _("Enter a program and its arguments."));
            return;
        }
        void run(argv, shell);
    };
    const stopClicked = (): void => {
        void stop(stopping ? "SIGKILL" : "SIGTERM");
        setStopping(true);
    };

    const error = problem ?? state.error;
    const started = state.running || state.end !== undefined;
    const help = shell
        ? _("A command line for /bin/sh -c: pipes, redirections and variables work.")
        : _("A program and its arguments, run without a shell. Quote arguments that contain spaces.");
    return (
        <Form id="guest-run" onSubmit={e => { e.preventDefault(); if (!state.running) submit() }}>
            <FormGroup label={_("Command")} fieldId="guest-run-command">
                <TextInput id="guest-run-command" value={line} onChange={(_e, v) => setLine(v)}
                           isDisabled={disabledReason !== undefined} placeholder={shell ? "dmesg | tail" : "uname -a"} />
                <FormHelperText>
                    <HelperText>
                        <HelperTextItem id={disabledReason ? "guest-run-disabled" : "guest-run-help"}
                                        variant={disabledReason ? "warning" : "default"}>
                            {disabledReason ?? help}
                        </HelperTextItem>
                    </HelperText>
                </FormHelperText>
                <Checkbox id="guest-run-shell" label={_("Run in a shell")} isChecked={shell} onChange={(_e, v) => setShell(v)}
                          isDisabled={disabledReason !== undefined} />
            </FormGroup>
            <div>
                <Button id="guest-run-submit" type="submit" isDisabled={state.running || disabledReason !== undefined}>{_("Run")}</Button>
                {state.running && " "}
                {state.running && (
                    <Button id="guest-run-stop" variant={stopping ? "danger" : "secondary"} onClick={stopClicked}>
                        {stopping ? _("Force stop") : _("Stop")}
                    </Button>
                )}
            </div>
            {error && <Notice id="guest-run-error" variant="danger" isInline title={_("The command could not be run")}>{error}</Notice>}
            {started && (
                <div id="guest-run-result" data-running={String(state.running)} data-exit-code={state.end?.exitCode ?? ""}>
                    <p id="guest-run-status">
                        {state.running ? <><Spinner size="sm" aria-hidden />{" "}{_("Running. The output shows as it comes; leaving the Guest tab stops the command.")}</> : state.end && endText(state.end)}
                    </p>
                    <Output id="guest-run-stdout" output={state.stdout} className="guest-output" />
                    {state.stderr.text && <Output id="guest-run-stderr" output={state.stderr} className="guest-output guest-output-error" />}
                </div>
            )}
        </Form>
    );
}
