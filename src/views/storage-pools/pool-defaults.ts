import type { DirPoolSpec } from "../../libvirt/storage-pool-xml.ts";

/** The pool virt-install, virt-manager and cockpit-machines put new disks in. */
export const DEFAULT_POOL: DirPoolSpec = { name: "default", path: "/var/lib/libvirt/images" };

/** A reason the form cannot be submitted, or null. */
export function validateDirPool(spec: DirPoolSpec): string | null {
    if (!spec.name.trim()) return "name";
    if (spec.name.includes("/")) return "name-slash";
    if (!spec.path.startsWith("/")) return "path";
    return null;
}
