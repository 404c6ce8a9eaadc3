// Suggestions: what could be better about a VM, computed from its saved configuration, its
// state, the host and the stored history, each explained, with the fix we can apply where there
// is a safe one. Pure: the page and `kvmm suggestions` feed it what they read.
import { formatBytes } from "../../lib/format-bytes.ts";
import { _, format } from "../../lib/i18n.ts";
import { AGENT_CHANNEL, QEMU_AGENT_CHANNEL } from "../../libvirt/agent-channel-xml.ts";
import type { DomainConfig } from "../../libvirt/domain-xml.ts";

export type SuggestionRule = "virtio-disk" | "virtio-nic" | "agent-channel" | "cpu-model-tcg" | "autostart" | "memory-unused";
/** Fixes that change only what the suggestion is about, and that libvirt checks before it keeps them. */
export type SuggestionFix = "add-agent-channel" | "named-cpu-model" | "enable-autostart";

export interface Suggestion {
    rule: SuggestionRule;
    vm: string;
    title: string;
    /** Why it matters, and what to do where there is no fix to apply. */
    explanation: string;
    fix?: SuggestionFix;
}

export interface VmFacts {
    name: string;
    /** The saved definition (what the VM starts with next). */
    config: DomainConfig;
    persistent: boolean;
    autostart: boolean;
}

/** What the stored history says about one VM over the last week (hourly checks). */
export interface VmWeek {
    /** Hourly checks that found it running. */
    runningHours: number;
    /** Hourly checks that had the guest's usable memory, and its least value then (bytes). */
    memoryHours: number;
    leastUsableBytes?: number;
}

export interface SuggestionInputs {
    /** Guests run under TCG (emulation) on this host. */
    tcgHost: boolean;
    /** undefined: no stored history here, so the rules over time cannot be judged. */
    week: ReadonlyMap<string, VmWeek> | undefined;
}

/** Hourly checks in a week: a VM found running at each of them ran all week. */
export const WEEK_HOURS = 7 * 24;
/** Unused memory worth giving back: at least half of what the VM has, and at least this much. */
const SPARE_FRACTION = 0.5;
const SPARE_MIN_BYTES = 512 * 1024 ** 2;
/** Named CPU models QEMU's emulation provides on every x86 host. */
const TCG_MODELS: Record<string, string> = { x86_64: "qemu64", i686: "qemu32" };

const plainDisk = (bus: string | undefined): boolean => bus === "ide" || bus === "sata" || bus === "usb" || bus === "fdc";
const emulatedNic = (model: string | undefined): boolean => model !== undefined && model !== "virtio" && !model.startsWith("virtio-");

/** The named model the CPU fix sets, for the VM's architecture; undefined where we know none. */
export function tcgCpuModel(config: DomainConfig): string | undefined {
    return TCG_MODELS[config.firmware.arch ?? "x86_64"];
}

function deviceRules(vm: VmFacts): Suggestion[] {
    const { config } = vm;
    const out: Suggestion[] = [];
    const disks = config.disks.filter(d => d.device === "disk" && plainDisk(d.bus));
    if (disks.length > 0) {
        out.push({
            rule: "virtio-disk", vm: vm.name,
            title: format(_("Disks on an emulated controller: $0"), disks.map(d => `${d.target} (${d.bus ?? ""})`).join(", ")),
            explanation: _("Virtio disks are much faster than emulated IDE, SATA or USB ones. This is not changed for you: the guest must have virtio drivers first (Linux has them; Windows needs virtio-win), and a Linux guest that names its disks by device (/dev/sda) must use labels or UUIDs instead. Then change the disk's bus to virtio while the VM is shut off."),
        });
    }
    const nics = config.interfaces.filter(n => emulatedNic(n.model));
    if (nics.length > 0) {
        out.push({
            rule: "virtio-nic", vm: vm.name,
            title: format(_("Network interfaces with an emulated card: $0"), nics.map(n => `${n.mac} (${n.model ?? ""})`).join(", ")),
            explanation: _("A virtio network card is faster and costs the host less than an emulated one. This is not changed for you: the guest needs the virtio-net driver, and it may give the new card another interface name, so its network settings may need updating. Change the model in the Network interfaces tab while the VM is shut off."),
        });
    }
    return out;
}

function agentRule(vm: VmFacts): Suggestion[] {
    const names = vm.config.channels.map(c => c.name);
    if (names.includes(AGENT_CHANNEL) || names.includes(QEMU_AGENT_CHANNEL)) return [];
    return [{
        rule: "agent-channel", vm: vm.name, title: _("No guest agent channel"),
        explanation: _("Without a guest agent channel the host cannot ask the guest for its addresses, shut it down cleanly, freeze its file systems for consistent snapshots or show its processes. The fix adds KVM Manager's agent channel (to the running VM too where it can be hot-plugged); install the agent in the guest from the Guest tab."),
        fix: "add-agent-channel",
    }];
}

function cpuRule(vm: VmFacts, inputs: SuggestionInputs): Suggestion[] {
    const { config } = vm;
    const mode = config.cpu.mode;
    if (mode !== "host-model" && mode !== "host-passthrough") return [];
    if (!inputs.tcgHost && config.type !== "qemu") return [];
    const model = tcgCpuModel(config);
    return [{
        rule: "cpu-model-tcg", vm: vm.name, title: format(_("CPU mode $0 under emulation (TCG)"), mode),
        explanation: model
            ? format(_("This VM runs under TCG, where QEMU cannot copy the host's CPU: the VM may fail to start (unsupported features) or move badly between hosts. The fix sets the named model $0, which emulation provides everywhere; it applies from the next start."), model)
            : _("This VM runs under TCG, where QEMU cannot copy the host's CPU: the VM may fail to start. Choose a named CPU model that QEMU emulates for this architecture."),
        ...model && vm.persistent ? { fix: "named-cpu-model" as const } : {},
    }];
}

function historyRules(vm: VmFacts, week: VmWeek | undefined): Suggestion[] {
    if (!week) return [];
    const out: Suggestion[] = [];
    if (vm.persistent && !vm.autostart && week.runningHours >= WEEK_HOURS) {
        out.push({
            rule: "autostart", vm: vm.name, title: _("Always running, but not started with the host"),
            explanation: _("The stored history shows this VM running at every hourly check of the last 7 days, yet it does not start with the host: after a host reboot it stays off until someone starts it. The fix turns autostart on."),
            fix: "enable-autostart",
        });
    }
    const given = vm.config.memoryKiB * 1024;
    const spare = week.leastUsableBytes;
    if (spare !== undefined && week.memoryHours >= WEEK_HOURS && spare >= given * SPARE_FRACTION && spare >= SPARE_MIN_BYTES) {
        out.push({
            rule: "memory-unused", vm: vm.name, title: format(_("$0 of memory unused for 7 days"), formatBytes(spare)),
            explanation: format(_("The guest always had at least $0 of its $1 free over the last 7 days. Giving it less leaves more for other VMs; keep some headroom for peaks. Change it with the VM's memory setting (a running VM can be lowered at once when it has a balloon device)."),
                                formatBytes(spare), formatBytes(given)),
        });
    }
    return out;
}

/** Every suggestion for one VM, in a fixed order of rules. Templates are left alone: they never run. */
export function vmSuggestions(vm: VmFacts, inputs: SuggestionInputs): Suggestion[] {
    if (vm.config.template) return [];
    return [...agentRule(vm), ...cpuRule(vm, inputs), ...deviceRules(vm), ...historyRules(vm, inputs.week?.get(vm.name))];
}

/** What the rules over time need and do not have, in words (none when all can be judged). */
export function missingInputs(inputs: SuggestionInputs, guestMemory: boolean): string[] {
    if (!inputs.week) return [_("The suggestions about autostart and unused memory need the stored history (Prometheus), which is not set up on this host.")];
    if (guestMemory) return [];
    return [_("The suggestion about unused memory needs the guests' memory statistics in the history (libvirt_domain_memory_stats_usable_bytes, from the balloon driver): prometheus-libvirt-exporter 0.2.0 does not export them; an exporter that does, and a balloon device with statistics in each VM, are needed.")];
}
