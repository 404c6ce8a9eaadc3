// What the agent tells about the guest: its methods and filesystems once per connection, and
// the guest's details (network links, addresses, time zone, users) every few seconds, since a
// user watching an interface come up or a login should not have to reload.
import type { AgentInfo, FsUsage, GuestInfo, UsersResult } from "../../../../agent/src/protocol.ts";
import type { AgentClient } from "../../../agent-client/agent-client.ts";
import { AgentError } from "../../../agent-client/agent-errors.ts";
import { useData } from "../../../state/use-data.ts";

export interface GuestData {
    info?: AgentInfo | undefined;
    guest?: GuestInfo | undefined;
    users?: UsersResult | undefined;
    filesystems?: FsUsage[] | undefined;
    error?: AgentError | undefined;
    reload: () => void;
}

/** What was read, and how many polls have been since the first reading. */
type Loaded = Omit<GuestData, "reload"> & { polls: number };

export const GUEST_POLL_MS = 5000;
/**
 * Users are re-read every this many polls: without utmp the agent runs `who`, which cost a
 * TCG guest 26-33 ms of CPU per call (get_info 9-15 ms, measured), and logins come seldom.
 */
const USERS_EVERY = 6;

function asAgentError(e: unknown): AgentError {
    return e instanceof AgentError ? e : new AgentError("closed", String(e));
}

async function details(client: AgentClient, info: AgentInfo, withUsers: boolean): Promise<Pick<Loaded, "guest" | "users">> {
    const can = (m: string) => info.methods.some(x => x === m);
    const [guest, users] = await Promise.all([
        can("guest.get_info") ? client.call("guest.get_info", {}) : undefined,
        withUsers && can("guest.get_users") ? client.call("guest.get_users", {}) : undefined,
    ]);
    return withUsers ? { guest, users } : { guest };
}

async function firstReading(client: AgentClient): Promise<Loaded> {
    const info = await client.call("agent.info", {});
    const [now, metrics] = await Promise.all([
        details(client, info, true),
        info.methods.includes("guest.get_metrics") ? client.call("guest.get_metrics", { topProcesses: 0 }) : undefined,
    ]);
    return { info, ...now, filesystems: metrics?.filesystems, polls: 0 };
}

export function useGuestData(client: AgentClient): GuestData {
    const data = useData<Loaded>(async ({ previous, polled }) => {
        if (!polled || !previous) {
            // A failure keeps what was shown beside the error (and polls nothing: "Try again" does).
            return firstReading(client).catch((e: unknown) => ({ polls: 0, ...previous, error: asAgentError(e) }));
        }
        if (!previous.info || previous.error) return previous;
        const polls = previous.polls + 1;
        // A failed re-read keeps what was shown: a lost agent is reported by the tab itself.
        const later = await details(client, previous.info, polls % USERS_EVERY === 0).catch(() => ({}));
        return { ...previous, ...later, polls };
    }, [client], { pollMs: GUEST_POLL_MS });
    return { ...data.data, reload: data.reload };
}
