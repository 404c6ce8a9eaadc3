// Consistent snapshots: a guest agent flushes and freezes the guest's filesystems just before
// the snapshot and thaws them right after, so the snapshot's disks are clean on their own (a
// clone or export made from it boots without a filesystem check). Ours does it with fs.freeze,
// qemu-guest-agent through libvirt. A failed freeze leaves a crash-consistent snapshot, said so;
// a thaw is retried, and our agent thaws by itself after a limit should the host never ask.
import type { AgentClient } from "../agent-client/agent-client.ts";
import { connectAgent } from "../agent-client/line-transport.ts";
import { _, format } from "../lib/i18n.ts";
import { AGENT_CHANNEL, QEMU_AGENT_CHANNEL } from "../libvirt/agent-channel-xml.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { freezeFilesystems, thawFilesystems } from "../libvirt/domain-api.ts";
import type { DomainConfig } from "../libvirt/domain-xml.ts";
import { describeError, LibvirtError } from "../libvirt/errors.ts";

/** How a snapshot's disks were (or will be) made consistent. */
export type SnapshotConsistency = "shut-off" | "agent" | "qemu-guest-agent" | "crash-consistent";

/** Longest our agent keeps the filesystems frozen without a thaw: longer than a slow snapshot. */
export const AGENT_THAW_AFTER_MS = 5 * 60_000;
const THAW_ATTEMPTS = 3;
const THAW_RETRY_MS = 2000;

function connectedChannel(live: DomainConfig, name: string) {
    return live.channels.find(c => c.name === name && c.state === "connected");
}

/** Which agent would quiesce a snapshot of the VM as its live XML stands. */
export function quiesceMethod(running: boolean, live: DomainConfig | undefined): SnapshotConsistency {
    if (!running) return "shut-off";
    if (!live) return "crash-consistent";
    if (connectedChannel(live, AGENT_CHANNEL)?.socketPath) return "agent";
    if (connectedChannel(live, QEMU_AGENT_CHANNEL)) return "qemu-guest-agent";
    return "crash-consistent";
}

export function consistencyText(consistency: SnapshotConsistency): string {
    switch (consistency) {
    case "shut-off": return _("The virtual machine is shut off: its disks are consistent.");
    case "agent": return _("Quiesced by the KVM Manager guest agent: the guest's filesystems are flushed and frozen for the moment of the snapshot, so its disks are clean on their own.");
    case "qemu-guest-agent": return _("Quiesced by qemu-guest-agent: the guest's filesystems are flushed and frozen for the moment of the snapshot, so its disks are clean on their own.");
    case "crash-consistent": return _("Crash-consistent: no guest agent runs in the guest, so its disks are saved as after a power cut (the memory is saved too, and reverting resumes the guest cleanly).");
    }
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

async function retried(thaw: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
        try {
            await thaw();
            return;
        } catch (error) {
            if (attempt >= THAW_ATTEMPTS) throw error;
            await sleep(THAW_RETRY_MS);
        }
    }
}

interface Freezer {
    freeze(): Promise<void>;
    thaw(): Promise<void>;
    close(): void;
}

async function agentFreezer(socketPath: string): Promise<Freezer> {
    const client: AgentClient = await connectAgent(socketPath);
    return {
        freeze: async () => {
            await client.call("fs.freeze", { thawAfterMs: AGENT_THAW_AFTER_MS });
        },
        thaw: async () => {
            await client.call("fs.thaw", {});
        },
        close: () => client.close(),
    };
}

function qemuAgentFreezer(conn: ConnectionId, path: string): Freezer {
    return {
        freeze: async () => {
            await freezeFilesystems(conn, path);
        },
        thaw: async () => {
            await thawFilesystems(conn, path);
        },
        close: () => undefined,
    };
}

export interface Quiesced<T> {
    result: T;
    consistency: SnapshotConsistency;
    /** Why an agent that was there did not quiesce it. */
    note?: string;
}

/** Frozen filesystems, or why they could not be frozen (nothing is left frozen then). */
async function startFreeze(conn: ConnectionId, path: string, method: "agent" | "qemu-guest-agent", live: DomainConfig | undefined): Promise<Freezer | string> {
    let freezer: Freezer | undefined;
    try {
        const socketPath = method === "agent" && live ? connectedChannel(live, AGENT_CHANNEL)?.socketPath : undefined;
        freezer = socketPath ? await agentFreezer(socketPath) : qemuAgentFreezer(conn, path);
        await freezer.freeze();
        return freezer;
    } catch (error) {
        // The agents thaw what a failed freeze froze; a freeze that only timed out here may still finish.
        await freezer?.thaw().catch(() => undefined);
        freezer?.close();
        const why = describeError(error);
        return format(_("The guest's filesystems could not be frozen, so the snapshot is crash-consistent: $0"),
                      why.detail ? `${why.summary}: ${why.detail}` : why.summary);
    }
}

/** Runs `work` (the snapshot) with the guest's filesystems frozen where an agent can do it. */
export async function withQuiescedGuest<T>(conn: ConnectionId, path: string, running: boolean, live: DomainConfig | undefined,
                                           work: () => Promise<T>): Promise<Quiesced<T>> {
    const method = quiesceMethod(running, live);
    if (method === "shut-off" || method === "crash-consistent") return { result: await work(), consistency: method };
    const started = await startFreeze(conn, path, method, live);
    if (typeof started === "string") return { result: await work(), consistency: "crash-consistent", note: started };
    const freezer = started;
    const thaw = async (): Promise<void> => {
        try {
            await retried(() => freezer.thaw());
        } catch (error) {
            const why = describeError(error);
            throw new LibvirtError({
                kind: why.kind,
                summary: method === "agent"
                    ? _("The guest's filesystems could not be thawed after the snapshot; the guest agent thaws them by itself within 5 minutes")
                    : _("The guest's filesystems could not be thawed after the snapshot: thaw them with \"virsh domfsthaw\""),
                detail: why.detail || why.summary,
            });
        } finally {
            freezer.close();
        }
    };
    let result: T;
    try {
        result = await work();
    } catch (error) {
        await thaw().catch(() => undefined);
        throw error;
    }
    await thaw();
    return { result, consistency: method };
}

/** After a revert libvirt may take a moment to see the restored guest's agent port open again. */
const REVERT_AGENT_WAIT_ATTEMPTS = 10;
const REVERT_AGENT_WAIT_MS = 1000;

/**
 * After a revert to a snapshot with memory: a guest whose agent froze it for that snapshot wakes
 * up frozen. Waits briefly for an agent to be seen connected (a guest with no agent channel
 * cannot have been frozen by one), then thaws through it.
 */
export async function thawAfterRevert(conn: ConnectionId, path: string, readLive: () => Promise<{ running: boolean; live: DomainConfig }>): Promise<void> {
    for (let attempt = 1; attempt <= REVERT_AGENT_WAIT_ATTEMPTS; attempt++) {
        const { running, live } = await readLive();
        if (!running || !live.channels.some(c => c.name === AGENT_CHANNEL || c.name === QEMU_AGENT_CHANNEL)) return;
        const method = quiesceMethod(running, live);
        if (method === "agent" || method === "qemu-guest-agent") {
            const socketPath = connectedChannel(live, AGENT_CHANNEL)?.socketPath;
            await retried(async () => {
                const freezer = socketPath ? await agentFreezer(socketPath) : qemuAgentFreezer(conn, path);
                try {
                    await freezer.thaw();
                } finally {
                    freezer.close();
                }
            }).catch((error: unknown) => {
                const why = describeError(error);
                throw new LibvirtError({ kind: why.kind, summary: _("Reverted, but the guest's filesystems could not be thawed"), detail: why.detail || why.summary });
            });
            return;
        }
        await sleep(REVERT_AGENT_WAIT_MS);
    }
}
