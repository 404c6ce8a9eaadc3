import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { Audit } from "../../../agent/src/audit.ts";
import { parseConfig } from "../../../agent/src/config.ts";
import { Session } from "../../../agent/src/dispatch.ts";
import { setLogSink } from "../../../agent/src/log.ts";
import { createAgent } from "../../../agent/src/service.ts";
import { parseReply, request, sleep } from "./helpers.ts";
import { eventually, removeDir, tempDir } from "./process-harness.ts";

QUnit.module("agent power actions", hooks => {
    let dir = "";
    let restore: ((line: string) => void) | undefined;
    hooks.before(() => {
        dir = tempDir("kvmm-power-");
        restore = setLogSink(() => undefined);
    });
    hooks.after(() => {
        if (restore) setLogSink(restore);
        removeDir(dir);
    });

    QUnit.test("the command runs only after the reply has been written, even with no delay", async assert => {
        const marker = path.join(dir, "ran");
        // Stub commands only: nothing here may shut the test machine down.
        const config = parseConfig({
            powerDelayMs: 0,
            commands: { shutdown: [["/bin/sh", "-c", `echo shutdown > '${marker}'`]], reboot: [["/nonexistent/reboot"]], setTime: [["/bin/false"]], hardwareClock: null },
        });
        const agent = createAgent(config, new Audit(() => undefined));
        const delivered: { line: string; markerExisted: boolean }[] = [];
        // A slow link: the reply takes 300 ms to go out.
        const session = new Session(agent.dispatcher, async line => {
            await sleep(300);
            delivered.push({ line, markerExisted: existsSync(marker) });
        }, 4096);
        session.feed(Buffer.from(request(1, "guest.shutdown")));
        await session.idle();
        assert.strictEqual(delivered.length, 1);
        assert.deepEqual(parseReply(delivered[0]?.line ?? "").id, 1);
        assert.false(delivered[0]?.markerExisted, "nothing ran while the reply was on its way");
        assert.true(await eventually(() => existsSync(marker)), "then the command ran");
        assert.strictEqual(readFileSync(marker, "utf8"), "shutdown\n");
        await agent.stop();
    });
});
