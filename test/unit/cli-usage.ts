// kvmm's command line as the unit tests ask it: what it refuses, in words.
import { parseArgs, UsageError } from "../../src/cli/args.ts";

/** "accepted", the usage error's message, or (a test failure) any other error. */
export function usage(argv: string[]): string {
    try {
        parseArgs(argv);
    } catch (error) {
        return error instanceof UsageError ? error.message : `not a usage error: ${String(error)}`;
    }
    return "accepted";
}
