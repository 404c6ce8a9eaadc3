// New VM from template: one VM or many (a name pattern such as web-{01..10}), linked or full,
// optionally customized with cloud-init; while they are made, each VM's step, and then which
// were made and why the others were not.
import { Checkbox, Content, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, List, ListItem, Radio, TextInput } from "@patternfly/react-core";
import { useMemo, useRef, useState } from "react";

import { _, format, ngettext } from "../../lib/i18n.ts";
import { invalidInput } from "../../libvirt/errors.ts";
import { checkCloudInit, type CloudInitForm, hostnameFor, initialCloudInit } from "../../operations/create-vm/cloud-init.ts";
import { type DeployedVm, deployTemplate } from "../../operations/deploy-template.ts";
import { expandNamePattern, takenNames } from "../../operations/name-pattern.ts";
import { useVms } from "../../state/use-vms.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";
import { useAddAlert } from "../common/alerts.tsx";
import { useDialogs } from "../common/dialogs.tsx";
import { CloudInitFields } from "../create-vm/CloudInitFields.tsx";
import { FieldHelper } from "../create-vm/FieldHelper.tsx";

const CLOSED_RANGE = /\{\d+\.\.\d+\}/;

function stateText(vm: DeployedVm): string {
    switch (vm.state) {
    case "waiting": return _("Waiting");
    case "running": return vm.step ?? _("Starting");
    case "done": return vm.warning ?? _("Made");
    case "cancelled": return _("Not made: cancelled");
    case "failed": return format(_("Failed: $0"), vm.error ? `${vm.error.summary} (${vm.error.detail})` : "");
    }
}

/** The names the fields give, or why they give none; a closed range sets the count itself. */
function useNames(template: Vm, pattern: string, countText: string): { names: string[]; problem?: string } {
    const { vms } = useVms();
    return useMemo(() => {
        const closed = CLOSED_RANGE.test(pattern);
        const expanded = expandNamePattern(pattern, closed ? undefined : Number(countText));
        if ("problem" in expanded) return { names: [], problem: expanded.problem };
        const taken = takenNames(expanded.names, vms.filter(vm => vm.connection === template.connection).map(vm => vm.name));
        if (taken.length > 0) return { names: expanded.names, problem: format(_("Taken: $0"), taken.join(", ")) };
        return { names: expanded.names };
    }, [vms, template.connection, pattern, countText]);
}

function preview(names: readonly string[]): string {
    return names.length <= 5 ? names.join(", ") : `${names.slice(0, 3).join(", ")}, …, ${names[names.length - 1] ?? ""}`;
}

export function DeployTemplateDialog({ vm: template }: { vm: Vm }) {
    const addAlert = useAddAlert();
    const dialogs = useDialogs();
    const [pattern, setPattern] = useState(`${template.name}-{01..}`);
    const [countText, setCountText] = useState("1");
    const [linked, setLinked] = useState(true);
    const [start, setStart] = useState(false);
    const [customize, setCustomize] = useState(false);
    const [cloudInit, setCloudInit] = useState<CloudInitForm>(initialCloudInit);
    const [progress, setProgress] = useState<ReadonlyMap<string, DeployedVm>>(new Map());
    const running = useRef<AbortController | undefined>(undefined);
    const { names, problem } = useNames(template, pattern, countText);
    const closed = CLOSED_RANGE.test(pattern);
    const single = names.length === 1;

    const submit = async (): Promise<void> => {
        if (problem) throw invalidInput(_("The names cannot be used"), problem);
        const controller = new AbortController();
        running.current = controller;
        try {
            const results = await deployTemplate(template.connection, {
                template: template.name, names, linked, start, cloudInit: customize ? cloudInit : undefined,
            }, { signal: controller.signal, onVm: vm => setProgress(previous => new Map(previous).set(vm.name, vm)) });
            const made = results.filter(vm => vm.state === "done").map(vm => vm.name);
            if (controller.signal.aborted) {
                dialogs.close();
                addAlert({ variant: "info", title: format(_("Deploying from $0 was cancelled; made: $1"), template.name, made.join(", ") || _("none")) });
            } else if (made.length < results.length) {
                throw invalidInput(format(_("$0 of $1 VMs were made"), made.length, results.length),
                                   results.filter(vm => vm.state !== "done").map(vm => `${vm.name}: ${stateText(vm)}`).join("; "));
            } else {
                addAlert({ variant: "success", title: format(ngettext("$0 was made from $1", "$0 were made from $1", made.length), preview(made), template.name) });
            }
        } finally {
            running.current = undefined;
        }
    };

    const ciProblems = customize ? checkCloudInit(cloudInit) : [];
    return (
        <ActionDialog id="deploy-template-dialog" title={format(_("New VMs from template $0"), template.name)} submitLabel={_("Deploy")}
                      onSubmit={submit} isSubmitDisabled={problem !== undefined || ciProblems.length > 0}
                      onCancelRunning={() => running.current?.abort()}>
            <Form onSubmit={event => event.preventDefault()}>
                <FormGroup label={_("Name or name pattern")} fieldId="deploy-name" isRequired>
                    <TextInput id="deploy-name" value={pattern} onChange={(_e, value) => setPattern(value)} validated={problem ? "error" : "default"} />
                    <FieldHelper id="deploy-name-error" text={problem} />
                    <FormHelperText><HelperText><HelperTextItem id="deploy-preview">
                        {names.length > 0 && !problem ? format(_("Makes: $0"), preview(names)) : _("A number range makes several names: web-{01..10}, or web-{01..} with the count.")}
                    </HelperTextItem></HelperText></FormHelperText>
                </FormGroup>
                <FormGroup label={_("Count")} fieldId="deploy-count">
                    <TextInput id="deploy-count" type="number" min={1} value={closed ? String(names.length) : countText} isDisabled={closed}
                               onChange={(_e, value) => setCountText(value)} />
                </FormGroup>
                <FormGroup role="radiogroup" label={_("Disks")} fieldId="deploy-disks" isStack>
                    <Radio id="deploy-linked" name="deploy-disks" isChecked={linked} onChange={() => setLinked(true)} label={_("Linked clones")}
                           description={_("Small overlays on the template's disks: made at once, but they need the template as it is.")} />
                    <Radio id="deploy-full" name="deploy-disks" isChecked={!linked} onChange={() => setLinked(false)} label={_("Full copies")}
                           description={_("Each VM gets copies of the disks: independent of the template, and slower to make.")} />
                </FormGroup>
                <Checkbox id="deploy-start" label={_("Start each VM once it is made")} isChecked={start} onChange={(_e, checked) => setStart(checked)} />
                <Checkbox id="deploy-cloud-init" label={_("Customize with cloud-init")} isChecked={customize} onChange={(_e, checked) => setCustomize(checked)}
                          description={customize ? undefined : _("Without it, each VM keeps the template's cloud-init user data and gets a host name after its own name.")} />
                {customize && (
                    <CloudInitFields idPrefix="deploy-ci" value={cloudInit} onChange={setCloudInit} problem={ciProblems.join(" ") || undefined}
                                     {...single ? { hostnamePlaceholder: hostnameFor(names[0] ?? "") } : {}} />
                )}
            </Form>
            {progress.size > 0 && (
                <>
                    <Content component="p">{_("Progress")}</Content>
                    <List isPlain id="deploy-results">
                        {[...progress.values()].map(vm => (
                            <ListItem key={vm.name} data-vm-name={vm.name} data-state={vm.state}>{vm.name}: {stateText(vm)}</ListItem>
                        ))}
                    </List>
                </>
            )}
        </ActionDialog>
    );
}
