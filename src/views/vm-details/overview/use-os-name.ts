import { osName } from "../../../host/osinfo-db.ts";
import { useData } from "../../../state/use-data.ts";

/**
 * What to show for the OS id recorded in a VM's metadata: osinfo-db's name for it, the id
 * itself where the database does not know it (or cannot be read), undefined while reading.
 */
export function useOsName(id: string | undefined): string | undefined {
    return useData(async () => id ? await osName(id).catch(() => undefined) ?? id : undefined, [id]).data;
}
