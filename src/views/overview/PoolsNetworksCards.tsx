// Storage pools with how full they are, and networks with the running VMs on them.
import { Card, CardBody, CardTitle, Content, Label, Progress, ProgressMeasureLocation, ProgressVariant } from "@patternfly/react-core";

import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import type { Network } from "../../libvirt/network-api.ts";
import type { StoragePool } from "../../libvirt/storage-pool-api.ts";

/** A pool this full (%) warns; past the second, it is nearly full. */
export const POOL_WARN_PERCENT = 80;
export const POOL_DANGER_PERCENT = 90;

export function poolFullness(pool: StoragePool): { percent: number; variant: ProgressVariant | undefined } {
    const percent = pool.capacity > 0 ? Math.round(pool.allocation / pool.capacity * 100) : 0;
    const variant = percent >= POOL_DANGER_PERCENT ? ProgressVariant.danger : percent >= POOL_WARN_PERCENT ? ProgressVariant.warning : undefined;
    return { percent, variant };
}

export function PoolsCard({ pools }: { pools: readonly StoragePool[] }) {
    return (
        <Card id="overview-pools" isCompact>
            <CardTitle>{_("Storage pools")}</CardTitle>
            <CardBody>
                {pools.length === 0 && <Content component="p">{_("No storage pool is defined.")}</Content>}
                {pools.map(pool => {
                    const { percent, variant } = poolFullness(pool);
                    return pool.active
                        ? <Progress key={pool.name} id={`overview-pool-${pool.name}`} data-percent={percent} title={pool.name} value={percent}
                                    measureLocation={ProgressMeasureLocation.outside} variant={variant}
                                    label={format(_("$0 of $1 used, $2 free"), formatBytes(pool.allocation), formatBytes(pool.capacity), formatBytes(pool.available))}
                                    helperText={variant ? format(_("$0 is $1 % full"), pool.name, percent) : undefined} />
                        : <p key={pool.name} id={`overview-pool-${pool.name}`}>{pool.name} <Label isCompact>{_("inactive")}</Label></p>;
                })}
            </CardBody>
        </Card>
    );
}

export function NetworksCard({ networks, running }: { networks: readonly Network[]; running: ReadonlyMap<string, number> | undefined }) {
    return (
        <Card id="overview-networks" isCompact>
            <CardTitle>{_("Networks")}</CardTitle>
            <CardBody>
                {networks.length === 0 && <Content component="p">{_("No virtual network is defined.")}</Content>}
                <ul>
                    {networks.map(n => (
                        <li key={n.name} id={`overview-network-${n.name}`} data-running={running?.get(n.name) ?? 0}>
                            {n.name}{" "}
                            {n.active ? format(_("$0 running VMs"), running?.get(n.name) ?? 0) : <Label isCompact>{_("inactive")}</Label>}
                        </li>
                    ))}
                </ul>
            </CardBody>
        </Card>
    );
}
