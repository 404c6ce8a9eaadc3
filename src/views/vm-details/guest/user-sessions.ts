// A logged-in user's session in words: who, where, from which host, since when.
import type { GuestUser } from "../../../../agent/src/protocol.ts";
import { formatDateTime } from "../../../lib/format-number.ts";
import { _, format } from "../../../lib/i18n.ts";

/** "alice on pts/0 from 10.0.0.5, since <local date and time>"; parts the guest did not report are left out. */
export function userSessionText(u: GuestUser, formatTime: (ms: number) => string = formatDateTime): string {
    const where = u.terminal ? format(_("$0 on $1"), u.user, u.terminal) : u.user;
    const from = u.host ? format(_("$0 from $1"), where, u.host) : where;
    return u.loginTimeMs !== null && u.loginTimeMs > 0 ? format(_("$0, since $1"), from, formatTime(u.loginTimeMs)) : from;
}
