import { useEffect, useState } from "react";

import { osName } from "../../../host/osinfo-db.ts";

/**
 * What to show for the OS id recorded in a VM's metadata: osinfo-db's name for it, the id
 * itself where the database does not know it (or cannot be read), undefined while reading.
 */
export function useOsName(id: string | undefined): string | undefined {
    const [found, setFound] = useState<{ id: string; name: string } | undefined>();

    useEffect(() => {
        if (!id) return;
        let cancelled = false;
        void osName(id).catch(() => undefined).then(name => {
            if (!cancelled) setFound({ id, name: name ?? id });
        });
        return () => {
            cancelled = true;
        };
    }, [id]);

    return found && found.id === id ? found.name : undefined;
}
