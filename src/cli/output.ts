// What kvmm prints: aligned tables for people, and the stable JSON documented in help.ts.
import { formatBytes } from "../lib/format-bytes.ts";
import { stateLabel } from "../libvirt/domain-state.ts";
import type { Snapshot } from "../libvirt/snapshot-api.ts";
import type { SnapshotRow } from "../operations/snapshots.ts";
import type { VmDetails, VmSummary } from "../operations/vms.ts";

/** Columns padded to their widest cell; the last one is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? "").length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join("  ");
    return [line(header), ...rows.map(line)].join("\n") + "\n";
}

const collator = new Intl.Collator(undefined, { numeric: true });
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1);

export function listText(vms: readonly VmSummary[]): string {
    return table(["NAME", "STATE", "VCPUS", "MEMORY"], [...vms].sort(byName).map(vm => [
        vm.name, stateLabel(vm.state), String(vm.vcpus), formatBytes(vm.memoryKiB * 1024),
    ]));
}

export function listJson(vms: readonly VmSummary[]): unknown {
    return [...vms].sort(byName).map(vm => ({
        name: vm.name, state: vm.state, persistent: vm.persistent, vcpus: vm.vcpus, memoryKiB: vm.memoryKiB, maxMemoryKiB: vm.maxMemoryKiB,
    }));
}

export function infoJson(vm: VmDetails): unknown {
    const c = vm.config;
    return {
        name: vm.name,
        uuid: vm.uuid,
        state: vm.state,
        persistent: vm.persistent,
        autostart: vm.autostart,
        vcpus: vm.vcpus,
        maxVcpus: c.cpu.maximum,
        memoryKiB: vm.memoryKiB,
        maxMemoryKiB: vm.maxMemoryKiB,
        osId: c.osId ?? null,
        firmware: { kind: c.firmware.kind, secureBoot: c.firmware.secureBoot },
        disks: c.disks.map(d => ({ target: d.target, device: d.device, path: d.path ?? null, format: d.format ?? null, readonly: d.readonly })),
        interfaces: c.interfaces.map(i => ({ type: i.type, source: i.source, mac: i.mac, model: i.model ?? null })),
    };
}

export function infoText(vm: VmDetails): string {
    const c = vm.config;
    const rows: [string, string][] = [
        ["Name", vm.name],
        ["UUID", vm.uuid],
        ["State", stateLabel(vm.state)],
        ["Persistent", vm.persistent ? "yes" : "no"],
        ["Autostart", vm.autostart ? "yes" : "no"],
        ["vCPUs", `${String(vm.vcpus)} (at most ${String(c.cpu.maximum)})`],
        ["Memory", `${formatBytes(vm.memoryKiB * 1024)} (at most ${formatBytes(vm.maxMemoryKiB * 1024)})`],
        ["Firmware", c.firmware.kind === "efi" ? (c.firmware.secureBoot ? "UEFI with Secure Boot" : "UEFI") : "BIOS"],
    ];
    if (c.osId) rows.push(["Operating system", c.osId]);
    const width = Math.max(...rows.map(([k]) => k.length));
    let text = rows.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join("\n") + "\n";
    if (c.disks.length > 0) {
        text += "\nDisks:\n" + table(["TARGET", "DEVICE", "FORMAT", "SOURCE"],
                                     c.disks.map(d => [d.target, d.device, d.format ?? "", d.path ?? d.volume ?? ""]));
    }
    if (c.interfaces.length > 0) {
        text += "\nNetwork interfaces:\n" + table(["MAC", "TYPE", "SOURCE", "MODEL"],
                                                  c.interfaces.map(i => [i.mac, i.type, i.source, i.model ?? ""]));
    }
    return text;
}

export function snapshotsText(rows: readonly SnapshotRow<Snapshot>[]): string {
    return table(["NAME", "TAKEN", "STATE", "DESCRIPTION"], rows.map(({ snapshot: s, depth }) => [
        `${"  ".repeat(depth)}${s.name}${s.current ? " *" : ""}`,
        new Date(s.createdAt * 1000).toISOString().replace("T", " ").slice(0, 19),
        s.state,
        s.description,
    ]));
}

export function snapshotsJson(rows: readonly SnapshotRow<Snapshot>[]): unknown {
    return rows.map(({ snapshot: s }) => ({
        name: s.name, parent: s.parent ?? null, createdAt: s.createdAt, state: s.state, memory: s.memory, current: s.current, description: s.description,
    }));
}
