// The manifest of an OVA (and of our bundle): one "SHA256(file)= hex" line per file, as ovftool
// and VirtualBox write it (older VirtualBox exports use SHA1).
import { _, format } from "../i18n.ts";

export type DigestAlgorithm = "SHA1" | "SHA256";

export interface ManifestEntry {
    algorithm: DigestAlgorithm;
    file: string;
    digest: string;
}

export function buildManifest(entries: readonly { file: string; sha256: string }[]): string {
    return entries.map(e => `SHA256(${e.file})= ${e.sha256}\n`).join("");
}

/** The manifest's lines; a line of another shape or algorithm is refused (the package is damaged). */
export function parseManifest(text: string): ManifestEntry[] {
    return text.split(/\r?\n/).filter(l => l.trim() !== "").map(line => {
        const m = /^(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line.trim());
        if (!m?.[1] || m[2] === undefined || m[3] === undefined) throw new Error(format(_("The manifest has a line that cannot be read: $0"), line.slice(0, 120)));
        if (m[1] === "SHA512") throw new Error(format(_("The manifest uses $0 checksums, which are not supported"), m[1]));
        return { algorithm: m[1] as DigestAlgorithm, file: m[2], digest: m[3].toLowerCase() };
    });
}

/** What is wrong between the manifest and the files' computed digests (file → hex), in words; [] when all match. */
export function manifestProblems(entries: readonly ManifestEntry[], computed: ReadonlyMap<string, string>): string[] {
    return entries.flatMap(e => {
        const actual = computed.get(e.file);
        if (actual === undefined) return [format(_("$0 is listed in the manifest but missing from the archive"), e.file)];
        return actual.toLowerCase() === e.digest ? [] : [format(_("$0 does not match its checksum in the manifest"), e.file)];
    });
}
