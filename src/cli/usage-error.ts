// A wrong command line: kvmm says why and exits with 2.
export class UsageError extends Error {}
