// Network install trees (what virt-install calls --location): where a tree keeps its installer
// kernel and initrd, and the kernel arguments that point the installer back at the tree. Pure.
import { parse as parseIni } from "ini";

import { _ } from "../lib/i18n.ts";

export type TreeFamily = "redhat" | "debian";

export interface TreeLayout {
    family: TreeFamily;
    /** Relative to the tree's URL. */
    kernel: string;
    initrd: string;
}

/** Layouts tried in order when the tree has no .treeinfo. */
export const KNOWN_LAYOUTS: readonly TreeLayout[] = [
    { family: "redhat", kernel: "images/pxeboot/vmlinuz", initrd: "images/pxeboot/initrd.img" },
    { family: "debian", kernel: "install.amd/vmlinuz", initrd: "install.amd/initrd.gz" },
    { family: "debian", kernel: "main/installer-amd64/current/images/netboot/debian-installer/amd64/linux",
      initrd: "main/installer-amd64/current/images/netboot/debian-installer/amd64/initrd.gz" },
    { family: "debian", kernel: "main/installer-amd64/current/legacy-images/netboot/ubuntu-installer/amd64/linux",
      initrd: "main/installer-amd64/current/legacy-images/netboot/ubuntu-installer/amd64/initrd.gz" },
];

/** The URL as the base of relative paths: http(s) or ftp, ending in "/"; null when it is not one. */
export function treeBaseUrl(url: string): string | null {
    let parsed: URL;
    try {
        parsed = new URL(url.trim());
    } catch {
        return null;
    }
    if (!["http:", "https:", "ftp:"].includes(parsed.protocol) || parsed.hostname === "") return null;
    return parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
}

export function checkTreeUrl(url: string): string | null {
    if (url.trim() === "") return _("Enter the URL of the installation tree.");
    return treeBaseUrl(url) ? null : _("The installation tree must be an http://, https:// or ftp:// URL.");
}

/** The x86_64 kernel and initrd a .treeinfo names (Fedora, RHEL, CentOS trees), or null. */
export function treeinfoLayout(text: string): TreeLayout | null {
    const ini = parseIni(text);
    const images = ini["images-x86_64"] as Record<string, unknown> | undefined;
    const kernel = images?.kernel;
    const initrd = images?.initrd;
    if (typeof kernel !== "string" || typeof initrd !== "string") return null;
    return { family: "redhat", kernel, initrd };
}

/** The kernel command line of the first boot: the repository for installers that need it, then the user's. */
export function installCmdline(layout: TreeLayout, baseUrl: string, extra: string): string {
    const repo = layout.family === "redhat" ? [`inst.repo=${baseUrl}`] : [];
    return [...repo, extra.trim()].filter(Boolean).join(" ");
}
