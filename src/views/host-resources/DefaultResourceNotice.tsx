// Says when the default pool or network new VMs need is missing or stopped, and offers to fix it.
import { AlertActionLink } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { useDialogs } from "../common/dialogs.tsx";
import { Notice } from "../common/Notice.tsx";
import { useResourceAction } from "../common/use-resource-action.tsx";
import { CreateResourceDialog } from "./CreateResourceDialog.tsx";
import type { ManagedResource, ResourceKind } from "./resource-kind.ts";
import { startAction } from "./ResourceRowActions.tsx";

/** libvirt's packaging and virt-install call both "default". */
const DEFAULT_NAME = "default";

interface DefaultResourceNoticeProps<T extends ManagedResource, S> {
    kind: ResourceKind<T, S>;
    connection: ConnectionId;
    items: readonly T[];
    /** Create it with the usual settings at once (inside another dialog, where no second one can open). */
    createDirectly?: boolean;
}

export function DefaultResourceNotice<T extends ManagedResource, S>({ kind, connection, items, createDirectly = false }: DefaultResourceNoticeProps<T, S>) {
    const dialogs = useDialogs();
    const perform = useResourceAction();
    const { key, texts } = kind;
    const item = items.find(i => i.name === DEFAULT_NAME);
    if (!item) {
        const create = (): void => {
            if (createDirectly) {
                void perform({
                    label: texts.createDefault, objectName: DEFAULT_NAME,
                    run: async () => { await kind.sync(connection).refresh(await kind.form.create(connection, kind.defaultSpec)) },
                });
            } else {
                dialogs.show(<CreateResourceDialog kind={kind} connection={connection} initial={kind.defaultSpec} title={texts.createDefaultTitle} />);
            }
        };
        return (
            <Notice variant="info" isInline id={`default-${key}-missing`} title={texts.defaultMissing}
                   actionLinks={<AlertActionLink id={`create-default-${key}`} onClick={create}>{texts.createDefault}</AlertActionLink>}>
                {texts.defaultMissingBody}
            </Notice>
        );
    }
    if (item.active) return null;
    return (
        <Notice variant="warning" isInline id={`default-${key}-inactive`} title={texts.defaultInactive}
               actionLinks={<AlertActionLink id={`start-default-${key}`} onClick={() => void perform(startAction({ kind, connection, item }))}>{_("Start")}</AlertActionLink>}>
            {texts.defaultInactiveBody}
        </Notice>
    );
}
