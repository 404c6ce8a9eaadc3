// Direct kernel boot for network installs: where the installer's kernel and initrd are kept,
// how to tell a VM still booting them, and its configuration once it should boot from disk.
import type { ConnectionId } from "./connection.ts";
import type { DomainConfig } from "./domain-xml.ts";
import { childrenOf, editXml, element, replaceChildren, tagOf } from "./xml-edit.ts";

/** Where virt-install keeps them too; qemu:///session uses a directory of the user's. */
export function installBootDir(connection: ConnectionId, home: string): string {
    return connection === "system" ? "/var/lib/libvirt/boot" : `${home}/.cache/kvm-manager/boot`;
}

export const INSTALL_FILE_PREFIX = "kvmm-install-";

/** The kernel and initrd the Create VM wizard downloaded for this VM's installer, if it still boots them. */
export function downloadedInstallFiles(saved: DomainConfig): string[] {
    const files = [saved.kernel, saved.initrd].filter((p): p is string => !!p);
    return files.length > 0 && files.every(p => (p.split("/").pop() ?? "").startsWith(INSTALL_FILE_PREFIX)) ? files : [];
}

/** The configuration without direct kernel boot, booting from its disk. */
export function withoutKernelBoot(domainXml: string): string {
    return editXml(domainXml, "domain", root => {
        const os = childrenOf(root).find(c => tagOf(c) === "os");
        if (!os) throw new Error("the domain has no <os> element");
        replaceChildren(os, c => ["kernel", "initrd", "cmdline", "boot"].includes(tagOf(c)), [element("boot", { dev: "hd" })]);
    });
}
