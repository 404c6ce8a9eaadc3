// Tags (each with a colour) and the folder of VMs, edited in one dialog; it takes a list of VMs so
// that a change to many at once goes the same way.
import { Button, Form, FormGroup, FormSelect, FormSelectOption, Label, LabelGroup, TextInput } from "@patternfly/react-core";
import { useState } from "react";

import { _, format } from "../../lib/i18n.ts";
import { LibvirtError } from "../../libvirt/errors.ts";
import { TAG_COLOURS, type TagColour, type VmTag } from "../../libvirt/kvmm-metadata.ts";
import { changeVmMarks, checkMarkName, defaultTagColour } from "../../operations/vm-marks.ts";
import type { Vm } from "../../state/vm-types.ts";
import { ActionDialog } from "../common/ActionDialog.tsx";

const COLOUR_LABELS: Record<TagColour, string> = {
    grey: _("Grey"), blue: _("Blue"), teal: _("Teal"), green: _("Green"), yellow: _("Yellow"), orange: _("Orange"), red: _("Red"), purple: _("Purple"),
};

export function EditMarksDialog({ vms }: { vms: readonly Vm[] }) {
    const [first] = vms;
    const [tags, setTags] = useState<VmTag[]>(first?.tags ?? []);
    const [folder, setFolder] = useState(first?.folder ?? "");
    const [newTag, setNewTag] = useState("");
    const [colour, setColour] = useState<TagColour | "">("");
    const [tagError, setTagError] = useState("");

    const addTag = (): void => {
        try {
            const name = checkMarkName(newTag, "tag");
            setTags([...tags.filter(t => t.name !== name), { name, colour: colour || defaultTagColour(name) }]);
            setNewTag("");
            setTagError("");
        } catch (error) {
            setTagError(error instanceof Error ? error.message : String(error));
        }
    };

    const submit = async (): Promise<void> => {
        const results = await changeVmMarks(first?.connection ?? "system", vms.map(vm => vm.name), { tags, folder: folder.trim() === "" ? null : folder });
        const failed = results.find(r => r.error);
        if (failed?.error) throw new LibvirtError({ ...failed.error, summary: format(_("$0: $1"), failed.name, failed.error.summary) });
    };

    return (
        <ActionDialog id="edit-marks-dialog" title={vms.length === 1 ? format(_("Tags and folder of $0"), first?.name ?? "") : _("Tags and folder")}
                      submitLabel={_("Save")} onSubmit={submit}>
            <Form onSubmit={e => { e.preventDefault(); addTag() }}>
                <FormGroup label={_("Tags")} fieldId="edit-marks-new-tag">
                    <LabelGroup id="edit-marks-tags" numLabels={20}>
                        {tags.map(tag => (
                            <Label key={tag.name} color={tag.colour} data-tag={tag.name} onClose={() => setTags(tags.filter(t => t !== tag))}
                                   closeBtnAriaLabel={format(_("Remove tag $0"), tag.name)}>
                                {tag.name}
                            </Label>
                        ))}
                    </LabelGroup>
                    <div className="edit-marks-add">
                        <TextInput id="edit-marks-new-tag" value={newTag} aria-label={_("New tag")} placeholder={_("New tag")}
                                   validated={tagError ? "error" : "default"} onChange={(_e, value) => setNewTag(value)} />
                        <FormSelect id="edit-marks-colour" value={colour} aria-label={_("Colour")} onChange={(_e, value) => setColour(value as TagColour | "")}>
                            <FormSelectOption value="" label={_("Colour of its name")} />
                            {TAG_COLOURS.map(c => <FormSelectOption key={c} value={c} label={COLOUR_LABELS[c]} />)}
                        </FormSelect>
                        <Button variant="secondary" id="edit-marks-add" onClick={addTag}>{_("Add")}</Button>
                    </div>
                    {tagError && <p className="pf-v6-c-helper-text__item-text pf-m-error" id="edit-marks-tag-error">{tagError}</p>}
                </FormGroup>
                <FormGroup label={_("Folder")} fieldId="edit-marks-folder">
                    <TextInput id="edit-marks-folder" value={folder} placeholder={_("None")} onChange={(_e, value) => setFolder(value)} />
                </FormGroup>
            </Form>
        </ActionDialog>
    );
}
