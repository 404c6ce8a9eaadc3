// An error as the page and kvmm show it: what happened in the user's words, and the underlying
// message (libvirt's, D-Bus's, a host tool's) kept beside it.
export type ErrorKind = "permission" | "daemon-down" | "unavailable" | "timeout" | "not-found" | "invalid" | "cancelled" | "libvirt";

export interface DescribedError {
    kind: ErrorKind;
    /** What happened, in the user's words. */
    summary: string;
    /** libvirt's (or D-Bus's) own message. */
    detail: string;
}
