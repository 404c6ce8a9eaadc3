// Tags and the folder of VMs, kept in our element of each domain's metadata so that they travel
// with the definition (exports, migrations) and `virsh metadata` shows them. Changes take a list
// of VMs: one VM edited from its page and many edited at once go the same way.
import { mapLimit } from "../lib/concurrency.ts";
import type { DescribedError } from "../lib/described-error.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { Affect, getDomainProperties } from "../libvirt/domain-api.ts";
import { isActiveState } from "../libvirt/domain-state.ts";
import { describeError, invalidInput } from "../libvirt/errors.ts";
import {
    getKvmmMetadata, getKvmmMetadataXml, isTagColour, type KvmmMetadata, kvmmMetadataXml, parseKvmmMetadataXml, setKvmmMetadataXml, TAG_COLOURS,
    type TagColour, type VmTag,
} from "../libvirt/kvmm-metadata.ts";
import { findVm, vmState } from "./vms.ts";

export const MAX_MARK_NAME_LENGTH = 64;
/** VMs changed at once: enough to keep libvirt busy, few enough not to crowd the bus. */
const CHANGE_CONCURRENCY = 8;
/** Reads at once: within the system bus's limit of pending replies. */
const READ_CONCURRENCY = 32;

/** A tag or folder name as it is kept (trimmed); a refusal says why in plain words. */
export function checkMarkName(name: string, kind: "tag" | "folder"): string {
    const trimmed = name.trim();
    // Characters as a person counts them (code points), not UTF-16 units.
    const characters = Array.from(trimmed);
    const what = kind === "tag" ? _("A tag name") : _("A folder name");
    if (trimmed === "") throw invalidInput(format(_("$0 cannot be empty."), what));
    if (characters.length > MAX_MARK_NAME_LENGTH)
        throw invalidInput(format(_("$0 can have at most $1 characters; \"$2…\" has $3."), what, MAX_MARK_NAME_LENGTH, characters.slice(0, 20).join(""), characters.length));
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw invalidInput(format(_("$0 cannot hold line breaks, tabs or other control characters."), what));
    return trimmed;
}

/** A tag's colour where none is given: the same for the same name, so a tag looks alike on every VM. */
export function defaultTagColour(name: string): TagColour {
    let hash = 0;
    for (const c of name) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
    return TAG_COLOURS[hash % TAG_COLOURS.length] ?? "grey";
}

/** "name" or "name:colour" (the last colon, where a known colour follows it) as a tag. */
export function parseTagSpec(spec: string): { name: string; colour?: TagColour } {
    const at = spec.lastIndexOf(":");
    const colour = at < 0 ? undefined : spec.slice(at + 1);
    if (isTagColour(colour)) return { name: checkMarkName(spec.slice(0, at), "tag"), colour };
    return { name: checkMarkName(spec, "tag") };
}

export interface MarksChange {
    /** Replaces all tags (the VM page's dialog); `add` and `remove` apply after it. */
    tags?: VmTag[];
    /** Added, or recoloured where the VM has them already; without a colour an existing tag keeps its own. */
    add?: { name: string; colour?: TagColour }[];
    remove?: string[];
    /** A folder name, null for none, undefined to leave it. */
    folder?: string | null | undefined;
}

/** The record after `change`, names checked; the template mark and unknown marks are untouched. */
export function applyMarksChange(meta: KvmmMetadata, change: MarksChange): KvmmMetadata {
    const tags = new Map((change.tags ?? meta.tags ?? []).map(t => [checkMarkName(t.name, "tag"), t.colour]));
    for (const tag of change.add ?? []) {
        const name = checkMarkName(tag.name, "tag");
        tags.set(name, tag.colour ?? tags.get(name) ?? defaultTagColour(name));
    }
    for (const name of change.remove ?? []) tags.delete(name.trim());
    const next: KvmmMetadata = { ...meta };
    delete next.tags;
    delete next.folder;
    if (tags.size) next.tags = [...tags].map(([name, colour]) => ({ name, colour }));
    const folder = change.folder === undefined ? meta.folder : change.folder === null ? undefined : checkMarkName(change.folder, "folder");
    if (folder !== undefined) next.folder = folder;
    return next;
}

export interface VmMarks {
    tags: VmTag[];
    folder?: string;
}

/** Which definition to read and which to write: the saved one, and the running one too while it runs. */
async function marksFlags(conn: ConnectionId, path: string, name: string): Promise<{ read: number; write: number }> {
    const [props, state] = await Promise.all([getDomainProperties(conn, path), vmState(conn, path, name)]);
    if (!props.persistent) return { read: Affect.Live, write: Affect.Live };
    return { read: Affect.Config, write: isActiveState(state) ? Affect.Live | Affect.Config : Affect.Config };
}

const marksOf = (meta: KvmmMetadata): VmMarks => ({ tags: meta.tags ?? [], ...meta.folder === undefined ? {} : { folder: meta.folder } });

/** The VM's tags and folder as it has them now (the running definition while it runs). */
export async function vmMarks(conn: ConnectionId, name: string): Promise<VmMarks> {
    return marksOf(await getKvmmMetadata(conn, await findVm(conn, name)));
}

/** Several VMs' tags and folders, read side by side. */
export async function vmsMarks(conn: ConnectionId, names: readonly string[]): Promise<VmMarks[]> {
    return mapLimit(names, READ_CONCURRENCY, name => vmMarks(conn, name));
}

async function changeOne(conn: ConnectionId, name: string, change: MarksChange): Promise<VmMarks> {
    const path = await findVm(conn, name);
    const { read, write } = await marksFlags(conn, path, name);
    const previous = await getKvmmMetadataXml(conn, path, read);
    const next = applyMarksChange(previous === undefined ? {} : parseKvmmMetadataXml(previous), change);
    await setKvmmMetadataXml(conn, path, kvmmMetadataXml(next, previous), write);
    return marksOf(next);
}

export interface MarksResult {
    name: string;
    marks?: VmMarks;
    error?: DescribedError;
}

/**
 * Applies `change` to each named VM; one VM's failure does not stop the others. A change with a
 * bad name is refused before any VM is touched.
 */
export async function changeVmMarks(conn: ConnectionId, names: readonly string[], change: MarksChange): Promise<MarksResult[]> {
    applyMarksChange({}, change);
    return mapLimit(names, CHANGE_CONCURRENCY, async name => {
        try {
            return { name, marks: await changeOne(conn, name, change) };
        } catch (error) {
            return { name, error: describeError(error) };
        }
    });
}
