// "Generic Linux" and "Generic Windows" choices for an OS the database doesn't list (or the user
// doesn't know). Linux uses osinfo-db's own generic entries where present, so other tools still
// recognise the recorded id; Windows has none there, so it is ours and records no id.
import { _ } from "../lib/i18n.ts";
import type { OsInfo } from "./osinfo-parse.ts";

const GiB = 1024 ** 3;
const OSINFO_GENERIC_LINUX = "http://libosinfo.org/linux/";

/** An entry of ours: an empty id means "record no libosinfo id". */
function synthetic(shortId: string, name: string, facts: Partial<OsInfo>): OsInfo {
    return { id: "", shortId, name, parents: [], minimum: {}, recommended: {}, ...facts };
}

/** The generic choices, for the top of the OS list; `list` is newest first. */
export function genericChoices(list: readonly OsInfo[]): OsInfo[] {
    const linux = list.find(os => os.id.startsWith(OSINFO_GENERIC_LINUX)) ??
        synthetic("linux-generic", _("Generic Linux"), { virtio: true, recommended: { ramBytes: 2 * GiB, storageBytes: 20 * GiB, cpus: 2 } });
    // Windows has no virtio drivers built in; current releases want UEFI and a TPM (Windows 11).
    const windows = synthetic("windows-generic", _("Generic Windows"), {
        virtio: false, efi: "required", recommended: { ramBytes: 4 * GiB, storageBytes: 64 * GiB, cpus: 2 },
    });
    return [linux, windows];
}

/** The key a menu uses for an entry: the libosinfo id, or ours for a synthetic one. */
export function osKey(os: OsInfo): string {
    return os.id || `generic:${os.shortId}`;
}
