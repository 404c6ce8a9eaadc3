// A shut-off domain's firmware (BIOS, UEFI, UEFI with Secure Boot) and emulated TPM, changed in
// its saved XML. UEFI is left to libvirt's firmware autoselection (<os firmware='efi'> with
// features), so an explicit loader and NVRAM path from another firmware never stay behind.
import type { DomainConfig } from "./domain-xml.ts";
import { childrenOf, editXml, element, type OrderedNode, replaceChildren, tagOf } from "./xml-edit.ts";

export type FirmwareKind = "bios" | "efi" | "efi-secure";

export interface FirmwareSetup {
    firmware: FirmwareKind;
    tpm: boolean;
}

/** The <os><firmware> features that make libvirt pick a code image and varstore with or without Secure Boot. */
export function firmwareFeatures(secureBoot: boolean): { name: string; enabled: "yes" | "no" }[] {
    const enabled = secureBoot ? "yes" : "no";
    // Secure Boot with enrolled keys: Microsoft's, which signed Windows' and the distributions' shim loaders.
    return [{ name: "secure-boot", enabled }, { name: "enrolled-keys", enabled }];
}

/** The emulated TPM 2.0 every VM of ours gets (as the Create VM wizard builds it). */
export function tpmElement(): OrderedNode {
    return element("tpm", { model: "tpm-crb" }, [element("backend", { type: "emulator", version: "2.0" })]);
}

function childByTag(parent: OrderedNode, tag: string): OrderedNode | undefined {
    return childrenOf(parent).find(c => tagOf(c) === tag);
}

function setAttribute(node: OrderedNode, name: string, value: string | undefined): void {
    const key = `@_${name}`;
    const attributes = Object.fromEntries(Object.entries((node[":@"] ?? {}) as Record<string, string>).filter(([k]) => k !== key));
    if (value !== undefined) attributes[key] = value;
    if (Object.keys(attributes).length) node[":@"] = attributes;
    else delete node[":@"];
}

function editOs(os: OrderedNode, firmware: FirmwareKind): void {
    // Loader and NVRAM paths belong to the old firmware: libvirt chooses them again.
    replaceChildren(os, c => ["loader", "nvram", "firmware"].includes(tagOf(c)), []);
    if (firmware === "bios") {
        setAttribute(os, "firmware", undefined);
        return;
    }
    setAttribute(os, "firmware", "efi");
    const features = firmwareFeatures(firmware === "efi-secure").map(f => element("feature", { enabled: f.enabled, name: f.name }));
    const list = childrenOf(os);
    const afterType = list.findIndex(c => tagOf(c) === "type") + 1;
    list.splice(afterType, 0, element("firmware", {}, features));
    os[tagOf(os)] = list;
}

/** `domainXml` (the saved configuration) with the firmware and TPM of `setup`. */
export function withFirmware(domainXml: string, setup: FirmwareSetup): string {
    return editXml(domainXml, "domain", root => {
        const os = childByTag(root, "os");
        if (!os) throw new Error("the domain has no <os> element");
        editOs(os, setup.firmware);
        if (setup.firmware === "efi-secure") {
            // Secure Boot's varstore is only protected with System Management Mode on.
            let features = childByTag(root, "features");
            if (!features) {
                features = element("features");
                const list = childrenOf(root);
                list.splice(list.indexOf(os) + 1, 0, features);
            }
            replaceChildren(features, c => tagOf(c) === "smm", [element("smm", { state: "on" })]);
        }
        const devices = childByTag(root, "devices");
        if (!devices) throw new Error("the domain has no <devices> element");
        const hasTpm = childrenOf(devices).some(c => tagOf(c) === "tpm");
        if (setup.tpm && !hasTpm) {
            // Before the memory balloon and later devices, where libvirt itself lists a TPM.
            const list = childrenOf(devices);
            const at = list.findIndex(c => ["memballoon", "rng", "panic", "shmem", "iommu", "vsock"].includes(tagOf(c)));
            list.splice(at < 0 ? list.length : at, 0, tpmElement());
            devices[tagOf(devices)] = list;
        } else if (!setup.tpm) {
            replaceChildren(devices, c => tagOf(c) === "tpm", []);
        }
    });
}

export function firmwareSetupOf(config: Pick<DomainConfig, "firmware" | "tpm">): FirmwareSetup {
    const firmware = config.firmware.kind === "bios" ? "bios" : config.firmware.secureBoot ? "efi-secure" : "efi";
    return { firmware, tpm: config.tpm };
}
