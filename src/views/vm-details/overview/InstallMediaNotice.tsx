// After an installation from CD/DVD the VM would boot the installer again: offer to eject the
// media and boot from disk, as virt-manager and Proxmox users do by hand.
import { AlertActionLink } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { withBootOrder } from "../../../libvirt/boot-order.ts";
import { scopeFor } from "../../../libvirt/device-api.ts";
import { defineDomain, domainPath, getDomainXml, XmlFlags } from "../../../libvirt/domain-api.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { DomainConfig } from "../../../libvirt/domain-xml.ts";
import { setMedia } from "../../../operations/disk-actions.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { Notice } from "../../common/Notice.tsx";
import { useResourceAction } from "../../common/use-resource-action.tsx";

/** CD-ROMs with media, when the saved configuration boots from CD first. */
export function installMedia(saved: DomainConfig): string[] {
    if (saved.bootOrder[0] !== "cdrom") return [];
    return saved.disks.filter(d => d.device === "cdrom" && d.path).map(d => d.target);
}

export function InstallMediaNotice({ vm, saved, onDone }: { vm: Vm; saved: DomainConfig; onDone: () => void }) {
    const perform = useResourceAction();
    const targets = installMedia(saved);
    if (targets.length === 0 || !vm.persistent) return null;

    const ejectAndBootDisk = (): void => void perform({
        label: _("Eject and boot from disk"),
        objectName: vm.name,
        run: async () => {
            const path = await domainPath(vm);
            const order = ["hd" as const, ...saved.bootOrder.filter((d): d is "network" | "fd" => d === "network" || d === "fd")];
            await defineDomain(vm.connection, withBootOrder(await getDomainXml(vm.connection, path, XmlFlags.Secure | XmlFlags.Inactive), order));
            for (const target of targets) await setMedia(vm, target, null, scopeFor(isActiveState(vm.state), vm.persistent));
            onDone();
        },
    });

    return (
        <Notice variant="info" isInline id="install-media-notice" className="install-media-notice" title={_("Installation media is attached")}
               actionLinks={<AlertActionLink id="eject-install-media" onClick={ejectAndBootDisk}>{_("Eject and boot from disk")}</AlertActionLink>}>
            {_("The virtual machine boots from its CD/DVD first. Once the operating system is installed, eject the media so that it starts from its disk.")}
        </Notice>
    );
}
