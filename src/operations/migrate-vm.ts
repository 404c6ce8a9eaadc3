// Moving a VM to another host: checked up front (the destination answers, has no VM of that name,
// has the VM's networks and storage pools, runs its CPU), then `virsh migrate` with the job's
// figures polled over D-Bus and cancelled with AbortJob. libvirt keeps the VM running here when
// the migration fails or is cancelled, and the page and kvmm say why.
import { cpuIncompatibility, destinationFacts, migrateDomain } from "../host/migration-host.ts";
import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { getDomainXml } from "../libvirt/domain-api.ts";
import { isActiveState } from "../libvirt/domain-state.ts";
import { parseDomainXml } from "../libvirt/domain-xml.ts";
import { describeError, invalidInput, LibvirtError } from "../libvirt/errors.ts";
import { abortJob, getJobStats, JOB_STATS_COMPLETED, type JobStats, JobType, libvirtHostname } from "../libvirt/migration-api.ts";
import { destinationUri, migrationProblems } from "./migration-checks.ts";
import { beginStep, type OperationControl, transferReporter } from "./progress.ts";
import { findVm, vmState } from "./vms.ts";

export interface MigrationRequest {
    vm: string;
    /** A host, USER@HOST or a libvirt URI (qemu+ssh://HOST/system). */
    destination: string;
    live: boolean;
    copyStorage: boolean;
    undefineSource: boolean;
}

export interface MigrationControl extends OperationControl {
    /** The running migration's figures, about once a second. */
    onMigration?: ((stats: JobStats) => void) | undefined;
}

export interface MigrationResult {
    uri: string;
    totalMs: number;
    /** How long the VM was paused for the switch-over, where libvirt still has the figure here. */
    downtimeMs?: number;
}

const POLL_MS = 500;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function checkDestination(conn: ConnectionId, path: string, request: MigrationRequest, uri: string): Promise<void> {
    const running = isActiveState(await vmState(conn, path, request.vm));
    const xml = await getDomainXml(conn, path);
    const config = parseDomainXml(xml);
    const [facts, here] = await Promise.all([destinationFacts(conn, uri), libvirtHostname(conn)]);
    // Cockpit may know this host under a second name (127.0.0.2): libvirt would refuse later.
    if (facts.hostname === here) throw invalidInput(format(_("$0 is this host itself: choose another host"), uri));
    const problems = migrationProblems(config, running, request, facts);
    if (problems.length > 0) throw invalidInput(problems.join(". "));
    if (request.live && config.cpu.model) {
        const reason = await cpuIncompatibility(conn, uri, xml, config.type);
        if (reason) throw invalidInput(format(_("The destination's processor cannot run this VM's CPU model $0"), config.cpu.model), reason);
    }
}

const staysText = (name: string): string => format(_("$0 stays on this host"), name);

/** A move the user stopped: said so, and where the VM is (a bare "Cancelled" left that open). */
function migrationStopped(name: string): LibvirtError {
    return new LibvirtError({ kind: "cancelled", summary: `${_("The move was stopped")}. ${staysText(name)}`, detail: "" });
}

/** libvirt's refusal in words, saying that the VM stays where it was. */
function migrationFailure(name: string, error: unknown): LibvirtError {
    const described = describeError(error);
    const detail = described.detail;
    const stays = staysText(name);
    if (/shared storage is unsafe|unsafe migration/i.test(detail))
        return new LibvirtError({ kind: "invalid", summary: `${_("Its disks are not on storage both hosts share: copy the storage")}. ${stays}`, detail });
    if (/Network not found|no network with matching name/i.test(detail))
        return new LibvirtError({ kind: "invalid", summary: `${_("The destination lacks a network this VM uses")}. ${stays}`, detail });
    return new LibvirtError({ ...described, summary: `${described.summary}. ${stays}` });
}

/** Polls the job until `done` settles; aborts it once the signal is. */
async function watch(conn: ConnectionId, path: string, done: Promise<unknown>, control: MigrationControl): Promise<boolean> {
    const job = { settled: false, aborted: false };
    const transfer = transferReporter(control, _("Moving the running VM"));
    void done.then(() => { job.settled = true; }, () => { job.settled = true; });
    while (!job.settled) {
        if (control.signal?.aborted && !job.aborted) {
            job.aborted = true;
            await abortJob(conn, path).catch(() => undefined);
        }
        const stats = await getJobStats(conn, path).catch(() => undefined);
        if (stats && stats.type !== JobType.None) {
            control.onMigration?.(stats);
            if (stats.dataTotal) transfer(stats.dataTotal - (stats.dataRemaining ?? 0), stats.dataTotal);
        }
        await Promise.race([done.catch(() => undefined), sleep(POLL_MS)]);
    }
    return job.aborted;
}

export async function migrateVm(conn: ConnectionId, request: MigrationRequest, control: MigrationControl = {}): Promise<MigrationResult> {
    const uri = destinationUri(request.destination);
    beginStep(control, _("Checking the destination"));
    const path = await findVm(conn, request.vm);
    await checkDestination(conn, path, request, uri);
    beginStep(control, request.live ? _("Moving the running VM") : _("Moving the VM's definition"));
    const started = Date.now();
    const done = migrateDomain(conn, request.vm, uri, request);
    const aborted = await watch(conn, path, done, control);
    try {
        await done;
    } catch (error) {
        if (aborted) throw migrationStopped(request.vm);
        throw migrationFailure(request.vm, error);
    }
    const result: MigrationResult = { uri, totalMs: Date.now() - started };
    if (!request.undefineSource) {
        const completed = await getJobStats(conn, path, JOB_STATS_COMPLETED).catch(() => undefined);
        if (completed?.downtimeMs !== undefined) result.downtimeMs = completed.downtimeMs;
    }
    return result;
}
