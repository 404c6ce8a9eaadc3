// One action over many VMs: a few at a time, each VM's progress told as it changes, and a result
// per VM (done, failed with the reason, skipped because it does not apply, or not begun because
// the run was cancelled). One VM's failure never stops the others.
import { mapLimit } from "../lib/concurrency.ts";
import type { DescribedError } from "../lib/described-error.ts";
import { describeError } from "../libvirt/errors.ts";

/** VMs acted on at once: enough to keep libvirt busy, few enough not to queue behind each other. */
export const BULK_CONCURRENCY = 4;

export type BulkStatus = "waiting" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";

export interface BulkItem<T> {
    target: T;
    status: BulkStatus;
    /** skipped: why the action does not apply, in the user's words. */
    skipReason?: string;
    /** failed: what went wrong, with libvirt's message. */
    error?: DescribedError;
}

export interface BulkOptions<T> {
    /** Why the action does not apply to a target (it is then not run), or undefined when it does. */
    skip?: (target: T) => string | undefined;
    concurrency?: number;
    /** Aborted: targets not begun yet are not begun; those running finish. */
    signal?: AbortSignal;
    /** Called with every target's status whenever one changes (a new array each time). */
    onChange?: (items: readonly BulkItem<T>[]) => void;
}

/** What each status counts, for a summary line. */
export function countByStatus<T>(items: readonly BulkItem<T>[]): Record<BulkStatus, number> {
    const counts: Record<BulkStatus, number> = { waiting: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
    for (const item of items) counts[item.status]++;
    return counts;
}

/** The targets a run would skip, and why, before anything is run (what a confirmation lists). */
export function plannedItems<T>(targets: readonly T[], skip?: (target: T) => string | undefined): BulkItem<T>[] {
    return targets.map(target => {
        const skipReason = skip?.(target);
        return skipReason === undefined ? { target, status: "waiting" } : { target, status: "skipped", skipReason };
    });
}

/** Runs `action` for each target; resolves with every target's result once all have ended. */
export async function runBulk<T>(targets: readonly T[], action: (target: T) => Promise<unknown>, options: BulkOptions<T> = {}): Promise<BulkItem<T>[]> {
    let items = plannedItems(targets, options.skip);
    const update = (index: number, next: BulkItem<T>): void => {
        items = items.map((item, i) => i === index ? next : item);
        options.onChange?.(items);
    };
    options.onChange?.(items);
    const indices = items.flatMap((item, index) => item.status === "waiting" ? [index] : []);
    await mapLimit(indices, options.concurrency ?? BULK_CONCURRENCY, async index => {
        const target = targets[index] as T;
        if (options.signal?.aborted) {
            update(index, { target, status: "cancelled" });
            return;
        }
        update(index, { target, status: "running" });
        try {
            await action(target);
            update(index, { target, status: "succeeded" });
        } catch (error) {
            update(index, { target, status: "failed", error: describeError(error) });
        }
    });
    return items;
}
