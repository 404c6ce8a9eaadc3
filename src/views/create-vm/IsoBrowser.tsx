// "Browse" for the installation ISO: the ISO volumes of the storage pools, and the host's
// folders (only subfolders and .iso files shown). Picking a file fills the path field.
import { Button, Menu, MenuContent, MenuGroup, MenuItem, MenuList, Spinner } from "@patternfly/react-core";
import { FileIcon, FolderIcon, LevelUpAltIcon } from "@patternfly/react-icons";
import { useState } from "react";

import { type DirEntry, joinPath, listDirectory, ListDirectoryError, parentDirectory } from "../../host/host-files.ts";
import { _, format } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { describeError } from "../../libvirt/errors.ts";
import { listPoolIsos, type PoolIso } from "../../libvirt/pool-isos.ts";
import { useAdminAccess } from "../../state/use-admin-access.ts";
import { useData } from "../../state/use-data.ts";
import { Notice } from "../common/Notice.tsx";

const START = "/var/lib/libvirt/images";

interface Listing {
    directory: string;
    entries?: DirEntry[] | undefined;
    error?: string;
}

const isIso = (e: DirEntry): boolean => e.type !== "directory" && /\.iso$/i.test(e.name);
// A link may point to a folder: offer to open it unless it looks like an ISO.
const isFolder = (e: DirEntry): boolean => e.type === "directory" || (e.type === "link" && !isIso(e));

function listingProblem(error: unknown): string {
    if (!(error instanceof ListDirectoryError)) return describeError(error).detail;
    if (error.problem === "not-found") return _("There is no such folder.");
    if (error.problem === "access-denied") return _("Permission denied: turn on administrative access.");
    return error.message;
}

/** `admin`: Cockpit's administrative access; listed again when it is switched. */
function useDirectory(directory: string, superuser: boolean, admin: boolean | undefined): Listing {
    const listing = useData(async () => {
        const entries = await listDirectory(directory, superuser);
        const shown = entries.filter(e => !e.name.startsWith(".") && (isFolder(e) || isIso(e)));
        shown.sort((a, b) => Number(isIso(a)) - Number(isIso(b)) || a.name.localeCompare(b.name));
        return shown;
    }, [directory, superuser], { identity: [directory, superuser, admin] });
    return listing.error === undefined ? { directory, entries: listing.data } : { directory, error: listingProblem(listing.error) };
}

const NO_ISOS: PoolIso[] = [];

function IsoBrowserPanel({ connection, start, onPick }: { connection: ConnectionId; start: string; onPick: (path: string) => void }) {
    const [directory, setDirectory] = useState(start);
    const admin = useAdminAccess();
    const listing = useDirectory(directory, connection === "system", admin);
    const isos = useData(() => listPoolIsos(connection), [connection], { refresh: [admin] });
    const poolIsos = isos.error === undefined ? isos.data : NO_ISOS;

    const select = (itemId: string | number | undefined): void => {
        const id = String(itemId ?? "");
        if (id.startsWith("dir:")) setDirectory(id.slice(4));
        else if (id.startsWith("file:")) onPick(id.slice(5));
    };

    return (
        <Menu id="create-vm-iso-browser" isScrollable onSelect={(_e, id: string | number | undefined) => select(id)}>
            <MenuContent maxMenuHeight="300px">
                <MenuGroup label={_("ISO images in storage pools")} id="create-vm-iso-pools">
                    <MenuList>
                        {poolIsos === undefined && <MenuItem isDisabled itemId="loading-pools"><Spinner size="sm" /> {_("Loading…")}</MenuItem>}
                        {poolIsos?.length === 0 && <MenuItem isDisabled itemId="no-pool-isos">{_("No ISO images in the active pools")}</MenuItem>}
                        {poolIsos?.map(iso => (
                            <MenuItem key={iso.path} itemId={`file:${iso.path}`} data-path={iso.path} icon={<FileIcon />} description={iso.pool}>
                                {iso.name}
                            </MenuItem>
                        ))}
                    </MenuList>
                </MenuGroup>
                {/* Shown once the pools' ISOs are in: the folder's items then stay where they are under the pointer. */}
                {poolIsos !== undefined && <MenuGroup label={format(_("Folder $0"), directory)} id="create-vm-iso-folder" data-directory={directory}>
                    <MenuList>
                        {directory !== "/" && (
                            <MenuItem itemId={`dir:${parentDirectory(directory)}`} icon={<LevelUpAltIcon />} id="create-vm-iso-up">
                                {_("Parent folder")}
                            </MenuItem>
                        )}
                        {listing.error && (
                            <MenuItem isDisabled itemId="folder-error">
                                <Notice variant="warning" isInline isPlain title={format(_("$0 cannot be listed"), directory)}>{listing.error}</Notice>
                            </MenuItem>
                        )}
                        {!listing.entries && !listing.error && <MenuItem isDisabled itemId="loading-folder"><Spinner size="sm" /> {_("Loading…")}</MenuItem>}
                        {listing.entries?.length === 0 && <MenuItem isDisabled itemId="empty-folder">{_("No folders or ISO images here")}</MenuItem>}
                        {listing.entries?.map(e => {
                            const path = joinPath(directory, e.name);
                            return isFolder(e)
                                ? <MenuItem key={path} itemId={`dir:${path}`} data-path={path} icon={<FolderIcon />}>{e.name}</MenuItem>
                                : <MenuItem key={path} itemId={`file:${path}`} data-path={path} icon={<FileIcon />}>{e.name}</MenuItem>;
                        })}
                    </MenuList>
                </MenuGroup>}
            </MenuContent>
        </Menu>
    );
}

export function IsoBrowser({ connection, current, onPick }: { connection: ConnectionId; current: string; onPick: (path: string) => void }) {
    const [open, setOpen] = useState(false);
    const start = current.startsWith("/") ? parentDirectory(current) : START;
    return (
        <>
            <Button variant="secondary" id="create-vm-iso-browse" onClick={() => setOpen(o => !o)} aria-expanded={open}>
                {open ? _("Close the file list") : _("Browse…")}
            </Button>
            {open && <IsoBrowserPanel connection={connection} start={start} onPick={path => { onPick(path); setOpen(false) }} />}
        </>
    );
}
