// libvirt-dbus names domain objects after their UUID: /org/libvirt/QEMU/domain/_<uuid with _ for ->.

export function uuidFromDomainPath(path: string): string {
    const last = path.slice(path.lastIndexOf("/") + 1);
    return last.replace(/^_/, "").replace(/_/g, "-");
}

export function domainPathFromUuid(connectPath: string, uuid: string): string {
    return `${connectPath}/domain/_${uuid.replace(/-/g, "_")}`;
}
