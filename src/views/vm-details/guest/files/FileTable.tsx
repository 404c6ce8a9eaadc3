// The entries of one guest directory: folders open, files download, either can be deleted.
import { Button } from "@patternfly/react-core";
import { FileIcon, FolderIcon, LinkIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import type { DirEntry } from "../../../../../agent/src/protocol.ts";
import { formatBytes } from "../../../../lib/format-bytes.ts";
import { _, format } from "../../../../lib/i18n.ts";

interface FileTableProps {
    entries: readonly DirEntry[];
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
    return ms > 0 ? new Date(ms).toLocaleString() : "—";
}

export function FileTable({ entries, onOpen, onDownload, onDelete, writeDisabled, downloadBusy }: FileTableProps) {
    if (entries.length === 0) return <p id="guest-files-empty">{_("This folder is empty.")}</p>;
    return (
        <Table id="guest-files-table" aria-label={_("Files in the guest")} variant="compact">
            <Thead>
                <Tr>
                    <Th>{_("Name")}</Th>
                    <Th>{_("Size")}</Th>
                    <Th>{_("Modified")}</Th>
                    <Th screenReaderText={_("Actions")} />
                </Tr>
            </Thead>
            <Tbody>
                {entries.map(e => {
                    const folder = e.type === "directory";
                    const link = e.type === "symlink";
                    // A link may lead to a folder or a file: its name asks the agent which, then opens or downloads.
                    const opens = folder || link;
                    return (
                        <Tr key={e.name} className="guest-file" data-name={e.name} data-type={e.type}>
                            <Td dataLabel={_("Name")}>
                                {folder ? <FolderIcon /> : link ? <LinkIcon /> : <FileIcon />}{" "}
                                {opens
                                    ? <Button variant="link" isInline className="guest-file-open" onClick={() => onOpen(e)}>{e.name}</Button>
                                    : <span className="guest-file-name">{e.name}</span>}
                                {e.linkTarget !== undefined && <span className="guest-file-link">{` → ${e.linkTarget}`}</span>}
                            </Td>
                            <Td dataLabel={_("Size")}>{e.type === "file" ? formatBytes(e.size) : "—"}</Td>
                            <Td dataLabel={_("Modified")}>{modified(e.mtimeMs)}</Td>
                            <Td modifier="nowrap" className="guest-file-actions">
                                {e.type === "file" && (
                                    <Button variant="secondary" size="sm" className="guest-file-download" isDisabled={downloadBusy}
                                            aria-label={format(_("Download $0"), e.name)} onClick={() => onDownload(e)}>
                                        {_("Download")}
                                    </Button>
                                )}
                                {" "}
                                <Button variant="link" isDanger size="sm" className="guest-file-delete" isDisabled={writeDisabled !== undefined}
                                        aria-label={format(_("Delete $0"), e.name)} onClick={() => onDelete(e)}>
                                    {_("Delete")}
                                </Button>
                            </Td>
                        </Tr>
                    );
                })}
            </Tbody>
        </Table>
    );
}
