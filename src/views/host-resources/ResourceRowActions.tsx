// A host resource row's controls: the autostart switch, and Start / Stop / Delete (with the
// kind's extra action, a pool's Refresh, while it runs).
import { Button, Switch } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { type ResourceAction, useResourceAction } from "../common/use-resource-action.tsx";
import type { ManagedResource, ResourceKind } from "./resource-kind.ts";

interface RowProps<T extends ManagedResource, S> {
    kind: ResourceKind<T, S>;
    connection: ConnectionId;
    item: T;
}

/** Runs `change` on the resource, then reads it again so the page shows the outcome at once. */
function action<T extends ManagedResource, S>({ kind, connection, item }: RowProps<T, S>, label: string,
                                              change: (path: string) => Promise<void>): ResourceAction {
    return { label, objectName: item.name, run: async () => { await change(item.path); await kind.sync(connection).refresh(item.path) } };
}

export function startAction<T extends ManagedResource, S>(props: RowProps<T, S>): ResourceAction {
    return action(props, _("Start"), path => props.kind.start(props.connection, path));
}

export function AutostartSwitch<T extends ManagedResource, S>(props: RowProps<T, S>) {
    const perform = useResourceAction();
    const { kind, connection, item } = props;
    const set = (on: boolean): Promise<void> => perform(action(props, _("Autostart"), path => kind.setAutostart(connection, path, on)));
    return (
        <Switch id={`${kind.key}-autostart-${item.name}`} className={`${kind.key}-autostart`} isChecked={item.autostart}
                isDisabled={!item.persistent} aria-label={_("Start at boot")} onChange={(_e, on) => void set(on)} />
    );
}

export function ResourceRowActions<T extends ManagedResource, S>(props: RowProps<T, S>) {
    const perform = useResourceAction();
    const dialogs = useDialogs();
    const { kind, connection, item } = props;
    const { key, extraAction, DeleteDialog } = kind;
    const stop = (): Promise<void> => perform({
        ...action(props, _("Stop"), path => kind.stop(connection, path)),
        confirmTitle: kind.texts.stopConfirm,
        users: () => kind.usedBy(connection, item),
    });
    const extra = extraAction && ((): Promise<void> => perform(action(props, extraAction.label, path => extraAction.run(connection, path))));

    return (
        <>
            {item.active && extraAction && extra && (
                <Button variant="link" size="sm" className={extraAction.className} onClick={() => void extra()}>{extraAction.label}</Button>
            )}
            {item.active
                ? <Button variant="secondary" size="sm" className={`${key}-stop`} onClick={() => void stop()}>{_("Stop")}</Button>
                : <Button variant="secondary" size="sm" className={`${key}-start`} onClick={() => void perform(startAction(props))}>{_("Start")}</Button>}
            <Button variant="secondary" isDanger size="sm" className={`${key}-delete`}
                    onClick={() => dialogs.show(<DeleteDialog connection={connection} item={item} />)}>{_("Delete")}</Button>
        </>
    );
}
