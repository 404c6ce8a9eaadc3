import { Label } from "@patternfly/react-core";

import { _, format } from "../../lib/i18n.ts";
import type { VmTag } from "../../libvirt/kvmm-metadata.ts";
import type { Vm } from "../../state/vm-types.ts";

/** A VM's tags as compact labels in their colours. */
export function TagLabels({ tags }: { tags: readonly VmTag[] | undefined }) {
    if (!tags?.length) return null;
    return (
        <span className="vm-tags">
            {tags.map(tag => <Label key={tag.name} isCompact color={tag.colour} className="vm-tag" data-tag={tag.name}>{tag.name}</Label>)}
        </span>
    );
}

/** The VM's tags and the folder it is in, as its overview shows them. */
export function MarksSummary({ vm }: { vm: Vm }) {
    return (
        <>
            <TagLabels tags={vm.tags} />{" "}
            <span id="vm-overview-folder-value">{vm.folder === undefined ? "" : format(_("in folder $0"), vm.folder)}</span>
        </>
    );
}
