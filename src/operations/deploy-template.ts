// New VMs from a template, one or many at once: each a clone (full, or linked on the template's
// disks) with its own cloud-init seed. Everything that can be checked is checked before the
// first VM is made; then the clones run a few at a time, each told as it goes, and one that
// fails (or is cancelled) removes what it made without stopping the others.
import { hashPassword } from "../host/cloud-init-seed.ts";
import { mapLimit } from "../lib/concurrency.ts";
import type { DescribedError } from "../lib/described-error.ts";
import { _, format, ngettext } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { getDomainXml, XmlFlags } from "../libvirt/domain-api.ts";
import { parseDomainXml } from "../libvirt/domain-xml.ts";
import { describeError, invalidInput, OperationCancelled } from "../libvirt/errors.ts";
import { isSeedPath } from "./clone/seed.ts";
import { checkClone, cloneVm } from "./clone-vm.ts";
import { buildUserData, checkCloudInit, type CloudInitForm, hostnameFor, sshKeyLines } from "./create-vm/cloud-init.ts";
import { checkNewVmName, takenNames } from "./name-pattern.ts";
import type { OperationControl } from "./progress.ts";
import { isTemplate } from "./templates.ts";
import { findVm, listVms } from "./vms.ts";

export interface DeployOptions {
    template: string;
    names: readonly string[];
    linked: boolean;
    start: boolean;
    /** The storage pool for the new images; by default the template's. */
    pool?: string | undefined;
    /** cloud-init settings for every new VM; without them each keeps the template's user data, with its own host name. */
    cloudInit?: CloudInitForm | undefined;
}

export type DeployState = "waiting" | "running" | "done" | "failed" | "cancelled";

export interface DeployedVm {
    name: string;
    state: DeployState;
    /** The step it is at while it runs. */
    step?: string;
    error?: DescribedError;
    /** Made, with something around it to tell. */
    warning?: string;
}

export interface DeployControl {
    /** One VM's state or step changed. */
    onVm?: (vm: DeployedVm) => void;
    /** Aborted: VMs not yet begun are not made; the ones being made are removed again. */
    signal?: AbortSignal | undefined;
}

/** Linked clones are a volume and a definition each; full ones copy whole images, which share the disk. */
const LINKED_CONCURRENCY = 4;
const FULL_CONCURRENCY = 2;

async function checkTemplate(conn: ConnectionId, options: DeployOptions): Promise<void> {
    const path = await findVm(conn, options.template);
    if (!await isTemplate(conn, path))
        throw invalidInput(format(_("$0 is not a template: convert it to a template first, or clone it."), options.template));
    if (!options.cloudInit) return;
    const config = parseDomainXml(await getDomainXml(conn, path, XmlFlags.Inactive));
    if (!config.disks.some(d => d.device === "cdrom" && isSeedPath(d.path)))
        throw invalidInput(format(_("$0 has no cloud-init seed disk (it was not made from a cloud image), so its new VMs cannot be customized: deploy them without cloud-init settings."), options.template));
}

/** What rules the deployment out, before anything is made: bad or taken names, bad cloud-init settings, the template. */
async function checkDeploy(conn: ConnectionId, options: DeployOptions): Promise<void> {
    if (options.names.length === 0) throw invalidInput(_("Give the new VMs' names."));
    const badName = options.names.map(checkNewVmName).find(problem => problem !== null);
    if (badName) throw invalidInput(badName);
    if (options.cloudInit) {
        const problems = checkCloudInit(options.cloudInit);
        if (problems.length > 0) throw invalidInput(_("The cloud-init settings cannot be used"), problems.join(" "));
    }
    await checkTemplate(conn, options);
    const taken = takenNames(options.names, (await listVms(conn)).map(vm => vm.name));
    if (taken.length > 0)
        throw invalidInput(format(ngettext("This name is taken (or given twice): $0. Nothing was made.", "These names are taken (or given twice): $0. Nothing was made.", taken.length),
                                  taken.join(", ")));
    // The first clone's plan finds what would stop them all (pools, disks) while nothing is made yet.
    const [first = ""] = options.names;
    const problems = await checkClone(conn, { source: options.template, name: first, linked: options.linked, start: options.start, pool: options.pool });
    if (problems.length > 0) throw invalidInput(format(_("$0 cannot be deployed"), options.template), problems.join(" "));
}

/** Each VM's user data from the settings; undefined keeps the template's. */
async function userDataFor(conn: ConnectionId, options: DeployOptions): Promise<((name: string) => string) | undefined> {
    const ci = options.cloudInit;
    if (!ci) return undefined;
    if (ci.customUserData.trim() !== "") return () => ci.customUserData;
    const passwordHash = ci.password === "" ? undefined : await hashPassword(conn, ci.password);
    const single = options.names.length === 1 && ci.hostname.trim() !== "";
    return name => buildUserData({
        userName: ci.userName, passwordHash, sshKeys: sshKeyLines(ci.sshKeys),
        // Several VMs cannot share one host name: each is named after its VM.
        hostname: single ? ci.hostname.trim() : hostnameFor(name),
    });
}

/**
 * Deploys the VMs; rejects (with nothing made) when a check fails, else resolves with each VM's
 * outcome in the order of the names.
 */
export async function deployTemplate(conn: ConnectionId, options: DeployOptions, control: DeployControl = {}): Promise<DeployedVm[]> {
    await checkDeploy(conn, options);
    const userData = await userDataFor(conn, options);
    const tell = (vm: DeployedVm): DeployedVm => {
        control.onVm?.(vm);
        return vm;
    };
    for (const name of options.names) tell({ name, state: "waiting" });
    return mapLimit(options.names, options.linked ? LINKED_CONCURRENCY : FULL_CONCURRENCY, async name => {
        if (control.signal?.aborted) return tell({ name, state: "cancelled", error: new OperationCancelled().described });
        const cloneControl: OperationControl = { signal: control.signal, onProgress: step => tell({ name, state: "running", step }) };
        try {
            const result = await cloneVm(conn, {
                source: options.template, name, linked: options.linked, start: options.start, pool: options.pool, userData: userData?.(name),
            }, cloneControl);
            return tell({ name, state: "done", ...result.warning !== undefined ? { warning: result.warning } : {} });
        } catch (error) {
            const described = describeError(error);
            return tell({ name, state: described.kind === "cancelled" ? "cancelled" : "failed", error: described });
        }
    });
}
