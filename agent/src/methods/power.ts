/* guest.shutdown, guest.reboot and time.sync: the system commands that change the machine's state. */
import { findExecutable, firstAvailable, runCommand, runFirstWorking } from "../command.ts";
import type { AgentConfig } from "../config.ts";
import { RpcError } from "../errors.ts";
import { errorText, log } from "../log.ts";
import { reqNumber } from "../params.ts";
import { ERROR_CODES } from "../protocol.ts";
import { define, type Handlers,noParams } from "./define.ts";

/** If the reply can never be delivered (host gone while the write blocks), act anyway after this. */
const UNDELIVERED_GRACE_MS = 10_000;
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2200, 0, 1);

function powerHandler(config: AgentConfig, what: string, alternatives: string[][]) {
    return define(noParams, async (_p, ctx) => {
        // Check before answering: "ok" must mean there is a command to run.
        const command = await firstAvailable(alternatives);
        if (command === null) {
            throw new RpcError(ERROR_CODES.CommandFailed, `no ${what} command found (tried ${alternatives.map(a => a[0]).join(", ")})`);
        }
        let fired = false;
        const act = (): void => {
            if (fired) return;
            fired = true;
            clearTimeout(fallback);
            // Answer first, act after: the host learns the request was accepted before the link drops.
            setTimeout(() => {
                log(`${what} requested by the host`);
                runFirstWorking(alternatives).then(
                    argv => log(`${what}: ${argv.join(" ")} done`),
                    (e: unknown) => log(`${what} failed: ${errorText(e)}`),
                );
            }, config.powerDelayMs);
        };
        const fallback = setTimeout(act, config.powerDelayMs + UNDELIVERED_GRACE_MS);
        fallback.unref();
        ctx.afterReply(act);
        return { command };
    });
}

export function powerMethods(config: AgentConfig): Pick<Handlers, "guest.shutdown" | "guest.reboot" | "time.sync"> {
    return {
        "guest.shutdown": powerHandler(config, "shutdown", config.commands.shutdown),
        "guest.reboot": powerHandler(config, "reboot", config.commands.reboot),

        "time.sync": define(o => ({ epochMs: reqNumber(o, "epochMs", MIN_EPOCH_MS, MAX_EPOCH_MS) }), async p => {
            const previousEpochMs = Date.now();
            const seconds = (p.epochMs / 1000).toFixed(3);
            const secondsInt = String(Math.round(p.epochMs / 1000));
            const alternatives = config.commands.setTime.map(a => a.map(x => x.replaceAll("{secondsInt}", secondsInt).replaceAll("{seconds}", seconds)));
            await runFirstWorking(alternatives, 10_000);
            let hardwareClock = false;
            const hw = config.commands.hardwareClock;
            const hwProg = hw?.[0] === undefined ? null : await findExecutable(hw[0]);
            if (hw && hwProg !== null) {
                // Best effort: many guests have no RTC access; the system clock is what matters.
                hardwareClock = await runCommand([hwProg, ...hw.slice(1)], 10_000).then(r => r.code === 0, () => false);
            }
            return { previousEpochMs, newEpochMs: Date.now(), hardwareClock };
        }),
    };
}
