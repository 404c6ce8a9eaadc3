import type { DirPoolSpec } from "../../libvirt/storage-pool-xml.ts";

/** The pool virt-install, virt-manager and cockpit-machines put new disks in. */
export const DEFAULT_POOL: DirPoolSpec = { name: "default", path: "/var/lib/libvirt/images" };

/**
 * An absolute path with "." and ".." resolved, repeated and trailing slashes dropped, as the
 * kernel would resolve it without symlinks: libvirt keeps a pool's path as written, and a path
 * with ".." in it would be shown, compared with other pools' and matched against disks as such.
 */
export function normalizePoolPath(path: string): string {
    const parts: string[] = [];
    for (const part of path.trim().split("/")) {
        if (part === "" || part === ".") continue;
        if (part === "..") parts.pop();
        else parts.push(part);
    }
    return `/${parts.join("/")}`;
}

export type PoolProblem = "name" | "name-slash" | "path" | "path-root";

/** A reason the form cannot be submitted, or null. */
export function validateDirPool(spec: DirPoolSpec): PoolProblem | null {
    if (!spec.name.trim()) return "name";
    if (spec.name.includes("/")) return "name-slash";
    if (!spec.path.trim().startsWith("/")) return "path";
    if (normalizePoolPath(spec.path) === "/") return "path-root";
    return null;
}
