// IPv4 and IPv6 addresses and subnets as numbers: checks of network forms and overlap tests
// against the host's networks and interfaces.

export type IpFamily = "ipv4" | "ipv6";

export interface IpValue {
    family: IpFamily;
    value: bigint;
}

export interface Subnet {
    family: IpFamily;
    /** The first address of the subnet. */
    base: bigint;
    prefix: number;
}

const BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

export function parseIpv4(address: string): bigint | undefined {
    const parts = address.trim().split(".");
    if (parts.length !== 4 || parts.some(p => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((n, p) => n * 256n + BigInt(p), 0n);
}

function parseGroups(text: string): number[] | undefined {
    if (text === "") return [];
    const groups = text.split(":");
    if (groups.some(g => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return groups.map(g => parseInt(g, 16));
}

/** fd00::1, 2001:db8:0:0:0:0:0:1, ::ffff:192.0.2.1 → a 128-bit number. */
export function parseIpv6(address: string): bigint | undefined {
    let text = address.trim().toLowerCase();
    if (!text.includes(":")) return undefined;
    // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
    const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (dotted) {
        const v4 = parseIpv4(dotted[2] ?? "");
        if (v4 === undefined) return undefined;
        text = `${dotted[1] ?? ""}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
    }
    const halves = text.split("::");
    if (halves.length > 2) return undefined;
    const head = parseGroups(halves[0] ?? "");
    const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
    if (!head || !tail) return undefined;
    const known = head.length + tail.length;
    if (halves.length === 2 ? known > 7 : known !== 8) return undefined;
    const groups = [...head, ...new Array<number>(8 - known).fill(0), ...tail];
    return groups.reduce((n, g) => (n << 16n) + BigInt(g), 0n);
}

export function parseIp(address: string): IpValue | undefined {
    const v4 = parseIpv4(address);
    if (v4 !== undefined) return { family: "ipv4", value: v4 };
    const v6 = parseIpv6(address);
    return v6 === undefined ? undefined : { family: "ipv6", value: v6 };
}

/** The subnet an address with this prefix length lies in; undefined for a bad prefix. */
export function subnetOf(ip: IpValue, prefix: number): Subnet | undefined {
    const bits = BITS[ip.family];
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
    const hostBits = BigInt(bits - prefix);
    return { family: ip.family, base: (ip.value >> hostBits) << hostBits, prefix };
}

export function subnetSize(subnet: Subnet): bigint {
    return 1n << BigInt(BITS[subnet.family] - subnet.prefix);
}

export function inSubnet(subnet: Subnet, ip: IpValue): boolean {
    return ip.family === subnet.family && ip.value >= subnet.base && ip.value < subnet.base + subnetSize(subnet);
}

/** Whether two subnets share any address (one holds the other, or they are the same). */
export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
    if (a.family !== b.family) return false;
    const shorter = Math.min(a.prefix, b.prefix);
    const shift = BigInt(BITS[a.family] - shorter);
    return a.base >> shift === b.base >> shift;
}

export function formatSubnet(subnet: Subnet): string {
    if (subnet.family === "ipv4") {
        const v = subnet.base;
        const octets = [24n, 16n, 8n, 0n].map(s => String((v >> s) & 255n));
        return `${octets.join(".")}/${String(subnet.prefix)}`;
    }
    const groups: string[] = [];
    for (let s = 112n; s >= 0n; s -= 16n) groups.push(((subnet.base >> s) & 0xffffn).toString(16));
    // The first run of zero groups is written as "::".
    const joined = groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::").replace(/:::+/, "::");
    return `${joined}/${String(subnet.prefix)}`;
}
