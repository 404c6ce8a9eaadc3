import { _ } from "../../../lib/i18n.ts";

export const BOOT_LABELS: Record<string, string> = { hd: _("Disk"), cdrom: _("CD/DVD"), network: _("Network (PXE)"), fd: _("Floppy") };
