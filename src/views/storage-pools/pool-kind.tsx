// Storage pools as a kind of host resource: their columns, their Create form (a directory pool)
// and the words of their page.
import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from "@patternfly/react-core";

import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import {
    createDirPool, refreshStoragePool, setStoragePoolAutostart, startStoragePool, stopStoragePool, type StoragePool, type StoragePoolState,
} from "../../libvirt/storage-pool-api.ts";
import type { DirPoolSpec } from "../../libvirt/storage-pool-xml.ts";
import { poolSync, useStoragePools } from "../../state/host-resources.ts";
import { ActiveLabel } from "../common/ActiveLabel.tsx";
import { vmsUsingPool } from "../common/resource-users.ts";
import type { ResourceKind } from "../host-resources/resource-kind.ts";
import { DeleteStoragePoolDialog } from "./DeleteStoragePoolDialog.tsx";
import { DEFAULT_POOL, normalizePoolPath, type PoolProblem, validateDirPool } from "./pool-defaults.ts";

const STATE_TEXT: Record<StoragePoolState, string> = {
    inactive: _("Inactive"),
    building: _("Building"),
    running: _("Active"),
    degraded: _("Degraded"),
    inaccessible: _("Inaccessible"),
    unknown: _("Unknown"),
};

const PROBLEMS: Record<PoolProblem, string> = {
    name: _("Enter a name."),
    "name-slash": _("A name cannot contain \"/\"."),
    path: _("Enter an absolute path, starting with \"/\"."),
    "path-root": _("Choose a directory other than \"/\"."),
};

/** Sizes mean nothing while a pool is stopped. */
const size = (pool: StoragePool, bytes: number): string => pool.active ? formatBytes(bytes) : "—";

function PoolFields({ spec, onChange }: { spec: DirPoolSpec; onChange: (spec: DirPoolSpec) => void }) {
    const path = normalizePoolPath(spec.path);
    const rewritten = !validateDirPool(spec) && path !== spec.path.trim();
    return (
        <>
            <FormGroup label={_("Name")} isRequired fieldId="create-pool-name">
                <TextInput id="create-pool-name" value={spec.name} onChange={(_e, name) => onChange({ ...spec, name })} />
            </FormGroup>
            <FormGroup label={_("Directory")} isRequired fieldId="create-pool-path">
                <TextInput id="create-pool-path" value={spec.path} onChange={(_e, value) => onChange({ ...spec, path: value })} />
                <FormHelperText>
                    <HelperText>
                        <HelperTextItem id="create-pool-path-help">
                            {rewritten ? format(_("Made if it does not exist. Saved as $0."), path) : _("Made if it does not exist.")}
                        </HelperTextItem>
                    </HelperText>
                </FormHelperText>
            </FormGroup>
        </>
    );
}

export const POOLS: ResourceKind<StoragePool, DirPoolSpec> = {
    key: "pool",
    pageId: "storage-pools",
    listId: "pools",
    texts: {
        title: _("Storage pools"),
        create: _("Create storage pool"),
        loading: _("Loading storage pools"),
        empty: _("No storage pools"),
        stopConfirm: _("Stop the storage pool?"),
        defaultMissing: _("There is no default storage pool"),
        defaultMissingBody: format(_("New virtual machines keep their disks in the default pool ($0)."), DEFAULT_POOL.path),
        createDefault: _("Create default pool"),
        createDefaultTitle: _("Create the default storage pool"),
        defaultInactive: _("The default storage pool is not running"),
        defaultInactiveBody: _("New virtual machines cannot get disks until it runs."),
    },
    useItems: useStoragePools,
    sync: poolSync,
    columns: [
        { title: _("Type"), cell: pool => pool.type },
        { title: _("State"), cell: pool => <ActiveLabel active={pool.active} text={STATE_TEXT[pool.state]} /> },
        { title: _("Capacity"), className: "pool-capacity", cell: pool => size(pool, pool.capacity), sortKey: pool => pool.capacity },
        { title: _("Allocation"), className: "pool-allocation", cell: pool => size(pool, pool.allocation), sortKey: pool => pool.allocation },
        { title: _("Path"), className: "pool-target", cell: pool => pool.targetPath ?? pool.source ?? "" },
    ],
    start: startStoragePool,
    stop: stopStoragePool,
    setAutostart: setStoragePoolAutostart,
    extraAction: { label: _("Refresh"), className: "pool-refresh", run: refreshStoragePool },
    usedBy: (connection, pool) => vmsUsingPool(connection, pool.name, pool.targetPath),
    DeleteDialog: DeleteStoragePoolDialog,
    form: {
        intro: _("A directory on this host that holds disk images. It is started now and whenever the host boots."),
        Fields: PoolFields,
        problem: spec => {
            const problem = validateDirPool(spec);
            return problem && PROBLEMS[problem];
        },
        create: (connection, spec) => createDirPool(connection, { name: spec.name.trim(), path: normalizePoolPath(spec.path) }),
    },
    defaultSpec: DEFAULT_POOL,
    newSpec: () => ({ name: "", path: "" }),
};
