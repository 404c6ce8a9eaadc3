// cockpit.dbus hands D-Bus variants over as {t: signature, v: value}. libvirt-dbus wraps some
// values (GetAll, GetStats, GetAllDomainStats) in one extra variant layer, so unwrap fully.

function isVariant(value: unknown): value is { t: string; v: unknown } {
    return typeof value === "object" && value !== null && "t" in value && "v" in value &&
        Object.keys(value).length === 2;
}

export function unwrapVariant(value: unknown): unknown {
    let current = value;
    while (isVariant(current)) current = current.v;
    return current;
}

/** Unwraps every value of an a{sv} dictionary. */
export function unwrapDict(dict: unknown): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    if (typeof dict !== "object" || dict === null) return result;
    for (const [key, value] of Object.entries(dict)) result[key] = unwrapVariant(value);
    return result;
}

export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value !== "" && !Number.isNaN(Number(value))) return Number(value);
    return undefined;
}
