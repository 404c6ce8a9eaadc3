// Reads the host's osinfo database once per page (or kvmm run).
import { transports } from "../lib/transports.ts";
import { mergeLookalikes, mergeSameId, newestFirst, type OsInfo, parseOsinfoConcatenated, resolveInheritance } from "../osinfo/osinfo-parse.ts";

const DIRECTORIES = ["/usr/share/osinfo/os", "/usr/local/share/osinfo/os", "/etc/osinfo/os"];

let cached: Promise<OsInfo[]> | undefined;

export function loadOsinfo(): Promise<OsInfo[]> {
    cached ??= transports().host.run(["sh", "-c", 'for d in "$@"; do [ -d "$d" ] && find "$d" -name "*.xml" -exec cat {} + 2>/dev/null; done; true',
                                      "sh", ...DIRECTORIES], {})
            .then(text => mergeLookalikes(newestFirst(resolveInheritance(mergeSameId(parseOsinfoConcatenated(text))))))
            .catch((error: unknown) => {
                cached = undefined; // let a later attempt try again
                throw error;
            });
    return cached;
}

/** The name osinfo-db gives an OS id ("Generic Linux 2022"); undefined when it does not list the id. */
export async function osName(id: string): Promise<string | undefined> {
    return (await loadOsinfo()).find(os => os.id === id)?.name;
}
