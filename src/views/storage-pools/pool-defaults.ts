import type { DirPoolSpec } from "../../libvirt/storage-pool-xml.ts";

/** The pool virt-install, virt-manager and cockpit-machines put new disks in. */
export const DEFAULT_POOL: DirPoolSpec = { name: "default", path: "/var/lib/libvirt/images" };
