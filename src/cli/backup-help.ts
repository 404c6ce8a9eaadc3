// kvmm backup's part of the help text and the man page.
import type { CommandHelp } from "./help.ts";

export const BACKUP_HELP: readonly CommandHelp[] = [
    {
        synopsis: "backup VM [--target DIR] [--full]",
        summary: "Back the VM up into DIR/VM/ID (DIR: /var/lib/kvm-manager/backups): a running VM with libvirt's backup job, quiesced by a guest agent where one runs, " +
            "incremental from the last backup's checkpoint (qcow2 dirty bitmaps) where it can be; a shut-off VM's disks are copied whole with qemu-img. " +
            "The domain XML, NVRAM and TPM state and a manifest with SHA-256 sums are saved beside the disks; prints the backup's id.",
        options: [["--full", "a full backup even where an incremental one could be made"], ["--target DIR", "the backup target directory"]],
    },
    { synopsis: "backup list VM [--target DIR]", summary: "The VM's backups: id, kind (full, incremental), time, size, and ok or why one cannot be used." },
    { synopsis: "backup verify VM ID [--target DIR]", summary: "Re-read the backup and those it builds on against their checksums; exit status 1 names each damaged file." },
    {
        synopsis: "backup restore VM ID --as NEWNAME [--pool POOL] [--target DIR]",
        summary: "Restore the backup (its chain: the full backup and the incremental ones up to it, checked first) as a new VM with new disks in POOL (default).",
    },
    { synopsis: "backup prune VM --keep N [--target DIR]", summary: "Delete all but the newest N full backups and the incremental ones built on them, with their checkpoints." },
];
