/** Runs `worker` over `items` with at most `limit` calls in flight; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    async function lane(): Promise<void> {
        while (next < items.length) {
            const index = next++;
            results[index] = await worker(items[index] as T);
        }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
    return results;
}

/** Runs tasks for one key one after another, so a late answer cannot overwrite a newer one. */
export class KeyedQueue {
    private readonly tails = new Map<string, Promise<void>>();

    run(key: string, task: () => Promise<void>): Promise<void> {
        const previous = this.tails.get(key) ?? Promise.resolve();
        const next = previous.then(task, task);
        this.tails.set(key, next);
        const forget = (): void => {
            if (this.tails.get(key) === next) this.tails.delete(key);
        };
        next.then(forget, forget);
        return next;
    }
}

