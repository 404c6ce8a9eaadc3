// The entries of one guest directory: folders open, files download, either can be deleted.
import { Button } from "@patternfly/react-core";
import { FileIcon, FolderIcon, LinkIcon } from "@patternfly/react-icons";

import type { DirEntry } from "../../../../../agent/src/protocol.ts";
import { formatBytes } from "../../../../lib/format-bytes.ts";
import { formatDateTime } from "../../../../lib/format-number.ts";
import { _, format } from "../../../../lib/i18n.ts";
import { type Column, DataTable, type TableProblem } from "../../../common/DataTable.tsx";

interface FileTableProps {
    /** undefined while the directory is read. */
    entries: readonly DirEntry[] | undefined;
    /** Why the directory could not be listed. */
    problem: TableProblem | null;
    /** A folder (or a link to one) was chosen. */
    onOpen: (entry: DirEntry) => void;
    onDownload: (entry: DirEntry) => void;
    onDelete: (entry: DirEntry) => void;
    /** Why entries cannot be deleted, when they cannot. */
    writeDisabled: string | undefined;
    /** A download is running: no second one. */
    downloadBusy: boolean;
}

function modified(ms: number): string {
    return ms > 0 ? formatDateTime(ms) : "—";
}

function EntryName({ entry, onOpen }: { entry: DirEntry; onOpen: (entry: DirEntry) => void }) {
    const folder = entry.type === "directory";
    const link = entry.type === "symlink";
    // A link may lead to a folder or a file: its name asks the agent which, then opens or downloads.
    return (
        <>
            {folder ? <FolderIcon /> : link ? <LinkIcon /> : <FileIcon />}{" "}
            {folder || link
                ? <Button variant="link" isInline className="guest-file-open" onClick={() => onOpen(entry)}>{entry.name}</Button>
                : <span className="guest-file-name">{entry.name}</span>}
            {entry.linkTarget !== undefined && <span className="guest-file-link">{` → ${entry.linkTarget}`}</span>}
        </>
    );
}

export function FileTable({ entries, problem, onOpen, onDownload, onDelete, writeDisabled, downloadBusy }: FileTableProps) {
    const columns: Column<DirEntry>[] = [
        { title: _("Name"), cell: e => <EntryName entry={e} onOpen={onOpen} />, sortKey: e => e.name },
        { title: _("Size"), cell: e => e.type === "file" ? formatBytes(e.size) : "—", sortKey: e => e.type === "file" ? e.size : -1 },
        { title: _("Modified"), cell: e => modified(e.mtimeMs), sortKey: e => e.mtimeMs },
    ];
    return (
        <DataTable id="guest-files-table" label={_("Files in the guest")} columns={columns} rows={entries} rowKey={e => e.name}
                   rowProps={e => ({ className: "guest-file", "data-name": e.name, "data-type": e.type })}
                   actions={e => (
                       <>
                           {e.type === "file" && (
                               <Button variant="secondary" size="sm" className="guest-file-download" isDisabled={downloadBusy}
                                       aria-label={format(_("Download $0"), e.name)} onClick={() => onDownload(e)}>
                                   {_("Download")}
                               </Button>
                           )}
                           <Button variant="link" isDanger size="sm" className="guest-file-delete" isDisabled={writeDisabled !== undefined}
                                   aria-label={format(_("Delete $0"), e.name)} onClick={() => onDelete(e)}>
                               {_("Delete")}
                           </Button>
                       </>
                   )}
                   empty={{ id: "guest-files-empty", title: _("This folder is empty.") }} problem={problem} compactStates />
    );
}
