// Reads what the suggestion rules need (each VM's saved definition, whether guests get KVM, a
// week of stored history) and runs them: the Overview's card, a VM's page and `kvmm suggestions`.
import { historySettings, queryInstant } from "../../host/history.ts";
import { mapLimit } from "../../lib/concurrency.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { _, format } from "../../lib/i18n.ts";
import { weekQueries } from "../../lib/prometheus/promql.ts";
import type { HistorySettings } from "../../lib/prometheus/settings.ts";
import type { ConnectionId } from "../../libvirt/connection.ts";
import { getDomainProperties, getDomainXml, listDomains, XmlFlags } from "../../libvirt/domain-api.ts";
import { getDomainCapabilities } from "../../libvirt/domain-capabilities.ts";
import { parseDomainXml } from "../../libvirt/domain-xml.ts";
import { findVm } from "../vms.ts";
import { missingInputs, type Suggestion, type SuggestionInputs, type VmFacts, vmSuggestions, type VmWeek } from "./rules.ts";

export interface SuggestionReport {
    suggestions: Suggestion[];
    /** What some rules need and this host lacks, in words. */
    missing: string[];
}

/** D-Bus calls in flight at once when reading many VMs. */
const PARALLEL = 8;

async function vmFacts(conn: ConnectionId, path: string): Promise<VmFacts> {
    const [props, xml] = await Promise.all([getDomainProperties(conn, path), getDomainXml(conn, path, XmlFlags.Inactive)]);
    return { name: props.name, config: parseDomainXml(xml), persistent: props.persistent, autostart: props.autostart };
}

/** Each VM's week from the history, and whether any guest's memory statistics are in it. */
async function readWeek(settings: HistorySettings): Promise<{ week: Map<string, VmWeek>; guestMemory: boolean }> {
    const q = weekQueries(settings);
    const [running, memoryHours, leastUsable] = await Promise.all([q.runningHours, q.memoryHours, q.leastUsableBytes].map(p => queryInstant(settings, p)));
    const week = new Map<string, VmWeek>();
    const entry = (labels: Record<string, string>): VmWeek | undefined => {
        const name = labels[settings.vmLabel];
        if (name === undefined) return undefined;
        const found = week.get(name) ?? { runningHours: 0, memoryHours: 0 };
        week.set(name, found);
        return found;
    };
    for (const s of running ?? []) { const e = entry(s.labels); if (e) e.runningHours = s.value; }
    for (const s of memoryHours ?? []) { const e = entry(s.labels); if (e) e.memoryHours = s.value; }
    for (const s of leastUsable ?? []) { const e = entry(s.labels); if (e) e.leastUsableBytes = s.value; }
    return { week, guestMemory: (memoryHours ?? []).length > 0 };
}

async function readInputs(conn: ConnectionId): Promise<{ inputs: SuggestionInputs; missing: string[] }> {
    const tcgHost = await getDomainCapabilities(conn, "kvm", "").then(() => false, () => true);
    const settings = await historySettings();
    if (!settings) return { inputs: { tcgHost, week: undefined }, missing: missingInputs({ tcgHost, week: undefined }, false) };
    try {
        const { week, guestMemory } = await readWeek(settings);
        const inputs = { tcgHost, week };
        return { inputs, missing: missingInputs(inputs, guestMemory) };
    } catch (error) {
        // The rules from the configuration still hold when the history does not answer.
        return { inputs: { tcgHost, week: undefined }, missing: [format(_("The stored history could not be read, so autostart and unused memory are not judged: $0"), errorMessage(error))] };
    }
}

/** The suggestions for every VM of `conn`, or for the one named `vmName`. */
export async function readSuggestions(conn: ConnectionId, vmName?: string): Promise<SuggestionReport> {
    const [paths, { inputs, missing }] = await Promise.all([
        vmName === undefined ? listDomains(conn) : findVm(conn, vmName).then(p => [p]),
        readInputs(conn),
    ]);
    const vms = await mapLimit(paths, PARALLEL, path => vmFacts(conn, path));
    return { suggestions: vms.flatMap(vm => vmSuggestions(vm, inputs)), missing };
}
