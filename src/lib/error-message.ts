// The words of a caught value, for showing it: an Error's message, anything else as text.
export function errorMessage(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}
