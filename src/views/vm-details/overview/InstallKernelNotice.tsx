// After a network installation the VM would start the installer's kernel again: offer to boot
// from disk, which drops the direct kernel boot and the downloaded kernel and initrd.
import { AlertActionLink } from "@patternfly/react-core";

import { removeHostFiles } from "../../../host/install-tree-fetch.ts";
import { _ } from "../../../lib/i18n.ts";
import { defineDomain, domainPath, getDomainXml, XmlFlags } from "../../../libvirt/domain-api.ts";
import type { DomainConfig } from "../../../libvirt/domain-xml.ts";
import { downloadedInstallFiles, withoutKernelBoot } from "../../../libvirt/kernel-boot.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";
import { useResourceAction } from "../../common/use-resource-action.tsx";

export function InstallKernelNotice({ vm, saved, onDone }: { vm: Vm; saved: DomainConfig; onDone: () => void }) {
    const perform = useResourceAction();
    const files = downloadedInstallFiles(saved);
    if (files.length === 0 || !vm.persistent) return null;

    const bootFromDisk = (): void => void perform({
        label: _("Boot from disk"),
        objectName: vm.name,
        run: async () => {
            const path = await domainPath(vm);
            await defineDomain(vm.connection, withoutKernelBoot(await getDomainXml(vm.connection, path, XmlFlags.Secure | XmlFlags.Inactive)));
            // A running installer has read its kernel and initrd already.
            await removeHostFiles(vm.connection, files);
            onDone();
        },
    });

    return (
        <Notice variant="info" isInline id="install-kernel-notice" className="install-media-notice" title={_("The installer starts from a downloaded kernel")}
               actionLinks={<AlertActionLink id="install-kernel-boot-disk" onClick={bootFromDisk}>{_("Boot from disk")}</AlertActionLink>}>
            {_("The virtual machine starts the network installer's kernel. Once the operating system is installed, boot from disk so that it starts the installed system.")}
        </Notice>
    );
}
