// A page of the host's storage pools or virtual networks: the list with its state, start/stop,
// autostart and delete, creating one, and the default one new VMs need.
import { Button, Title } from "@patternfly/react-core";
import { useMemo } from "react";

import { cockpit } from "../../lib/cockpit.ts";
import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { type Column, DataTable } from "../common/DataTable.tsx";
import { useDialogs } from "../common/dialogs.tsx";
import { remedy } from "../vm-list/ConnectionProblems.tsx";
import { CreateResourceDialog } from "./CreateResourceDialog.tsx";
import { DefaultResourceNotice } from "./DefaultResourceNotice.tsx";
import type { ManagedResource, ResourceKind } from "./resource-kind.ts";
import { AutostartSwitch, ResourceRowActions } from "./ResourceRowActions.tsx";

const CONNECTION: ConnectionId = "system";

function useColumns<T extends ManagedResource, S>(kind: ResourceKind<T, S>): Column<T>[] {
    return useMemo(() => [
        {
            title: _("Name"), sortKey: item => item.name,
            cell: item => {
                const path = kind.detailsPath?.(item);
                return path ? <a href={`#/${path.map(encodeURIComponent).join("/")}`} className={`${kind.key}-link`}
                                 onClick={event => { event.preventDefault(); cockpit.location.go(path) }}>{item.name}</a> : item.name;
            },
        },
        ...kind.columns,
        { title: _("Autostart"), cell: item => <AutostartSwitch kind={kind} connection={CONNECTION} item={item} /> },
    ], [kind]);
}

export function HostResourcePage<T extends ManagedResource, S>({ kind }: { kind: ResourceKind<T, S> }) {
    const { items, loaded, error } = kind.useItems(CONNECTION);
    const dialogs = useDialogs();
    const columns = useColumns(kind);
    const { key, listId, texts } = kind;
    const create = (): void => dialogs.show(
        <CreateResourceDialog kind={kind} connection={CONNECTION} initial={kind.newSpec(items)} title={texts.create} />,
    );
    // Nothing could be read: the reason alone, without a notice about a default that may well exist.
    const readable = loaded && !(error && items.length === 0);

    return (
        <section className="host-page" id={kind.pageId} data-loaded={String(loaded)}>
            <div className="host-page-header">
                <Title headingLevel="h1">{texts.title}</Title>
                <Button variant="primary" id={`create-${key}`} onClick={create} isDisabled={!loaded}>{texts.create}</Button>
            </div>
            {readable && <DefaultResourceNotice kind={kind} connection={CONNECTION} items={items} />}
            <DataTable id={`${key}-table`} label={texts.title} columns={columns} rows={loaded ? items : undefined} rowKey={item => item.path}
                       rowProps={item => ({
                           className: `${key}-row`,
                           [`data-${key}-name`]: item.name,
                           [`data-${key}-active`]: String(item.active),
                           [`data-${key}-autostart`]: String(item.autostart),
                       })}
                       actions={item => <ResourceRowActions kind={kind} connection={CONNECTION} item={item} />}
                       loading={texts.loading} empty={{ id: `${listId}-empty`, title: texts.empty }}
                       problem={error && { id: `${listId}-unreachable`, error, hint: remedy(error) }} />
        </section>
    );
}
