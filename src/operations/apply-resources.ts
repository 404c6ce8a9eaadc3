// Applies vCPU and memory changes: to the saved configuration always, and to the running VM
// where libvirt can (hot-plug, balloon). Where it cannot, the overview marks the value as
// applying after shutdown, because live and saved configuration then differ.
import type { ConnectionId } from "../libvirt/connection.ts";
import { Affect, setMaxMemory, setMaxVcpus, setMemory, setVcpus } from "../libvirt/domain-api.ts";

interface Target {
    connection: ConnectionId;
    path: string;
    running: boolean;
}

/** Sets the maximum first when it grows and last when it shrinks, so libvirt never sees current > maximum. */
async function inOrder(growsMax: boolean, setMax: () => Promise<void>, setCurrent: () => Promise<void>): Promise<void> {
    if (growsMax) {
        await setMax();
        await setCurrent();
    } else {
        await setCurrent();
        await setMax();
    }
}

export async function applyVcpus(t: Target, count: number, maximum: number, savedMaximum: number): Promise<void> {
    await inOrder(maximum > savedMaximum,
                  () => maximum === savedMaximum ? Promise.resolve() : setMaxVcpus(t.connection, t.path, maximum),
                  () => setVcpus(t.connection, t.path, count, Affect.Config));
    // vCPU hot-plug needs guest and machine support; without it the change waits for shutdown.
    if (t.running) await setVcpus(t.connection, t.path, count, Affect.Live).catch(() => undefined);
}

/** Sizes in KiB. */
export async function applyMemory(t: Target, current: number, maximum: number, savedMaximum: number): Promise<void> {
    await inOrder(maximum > savedMaximum,
                  () => maximum === savedMaximum ? Promise.resolve() : setMaxMemory(t.connection, t.path, maximum),
                  () => setMemory(t.connection, t.path, current, Affect.Config));
    // The balloon can only give a running guest up to the maximum it started with.
    if (t.running) await setMemory(t.connection, t.path, current, Affect.Live).catch(() => undefined);
}
