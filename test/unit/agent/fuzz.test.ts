import { Audit } from "../../../agent/src/audit.ts";
import { parseConfig } from "../../../agent/src/config.ts";
import { METHOD_NAMES } from "../../../agent/src/protocol.ts";
import { createAgent } from "../../../agent/src/service.ts";
import { MemorySession, prng, request } from "./helpers.ts";

const SEED = 20240501;
const ITERATIONS = 400;
const MAX_LINE = 1024;

const TOKENS = [
    "{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\r\n", "\\", "\\u0000", "\"jsonrpc\"", "\"2.0\"", "\"id\"", "\"method\"",
    "\"params\"", "null", "true", "false", "1e999", "-0", "123456789012345678901234567890", "\"agent.ping\"", "\"agent.sync\"",
    "\"guest.exec\"", "\"__proto__\"", "\"constructor\"", "\u00ff", "\ud83d\ude00",
];

function randomValue(rand: () => number, depth = 0): unknown {
    const k = Math.floor(rand() * (depth > 2 ? 5 : 7));
    switch (k) {
        case 0: return null;
        case 1: return rand() < 0.5;
        case 2: return Math.floor((rand() - 0.5) * 2 ** (rand() * 60));
        case 3: return "s".repeat(Math.floor(rand() * 20));
        case 4: return rand() * 1e6;
        case 5: return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
        default: {
            const o: Record<string, unknown> = {};
            for (const key of ["id", "path", "argv", "handle", "offset", "data", "epochMs"]) if (rand() < 0.3) o[key] = randomValue(rand, depth + 1);
            return o;
        }
    }
}

/** One random stream: raw bytes, JSON-ish token soup, mutated requests and over-long runs. */
function randomStream(rand: () => number): Buffer {
    const parts: Buffer[] = [];
    const count = 1 + Math.floor(rand() * 8);
    for (let i = 0; i < count; i++) {
        const kind = Math.floor(rand() * 5);
        if (kind === 0) {
            parts.push(Buffer.from(Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))));
        } else if (kind === 1) {
            parts.push(Buffer.from(Array.from({ length: Math.floor(rand() * 40) }, () => TOKENS[Math.floor(rand() * TOKENS.length)] ?? "").join("")));
        } else if (kind === 2) {
            const method = rand() < 0.8 ? METHOD_NAMES[Math.floor(rand() * METHOD_NAMES.length)] : "x".repeat(Math.floor(rand() * 10));
            const msg: Record<string, unknown> = { jsonrpc: rand() < 0.9 ? "2.0" : randomValue(rand), method };
            if (rand() < 0.8) msg.id = randomValue(rand);
            if (rand() < 0.8) msg.params = randomValue(rand);
            let text = JSON.stringify(msg);
            if (rand() < 0.3) text = text.slice(0, Math.floor(rand() * text.length)); // truncated
            parts.push(Buffer.from(text + (rand() < 0.7 ? "\n" : "")));
        } else if (kind === 3) {
            parts.push(Buffer.alloc(MAX_LINE + Math.floor(rand() * 3000), rand() < 0.5 ? 0x7b : 0x22));
        } else {
            parts.push(Buffer.from("\n".repeat(Math.floor(rand() * 3))));
        }
    }
    return Buffer.concat(parts);
}

QUnit.module("agent fuzz", () => {
    QUnit.test(`random byte streams never break the agent (seed ${SEED}, ${ITERATIONS} streams)`, async assert => {
        // Everything that acts on the machine is disabled: random requests must not run commands or touch files.
        const config = parseConfig({ maxLineBytes: MAX_LINE, disabledMethods: ["guest.*", "file.*", "fs.*", "time.*"] });
        const agent = createAgent(config, new Audit(() => undefined));
        const s = new MemorySession(new Map(), { dispatcher: agent.dispatcher, maxLineBytes: MAX_LINE });
        const rand = prng(SEED);
        const failures: string[] = [];
        let maxHeld = 0;
        for (let i = 0; i < ITERATIONS; i++) {
            const stream = randomStream(rand);
            for (let off = 0; off < stream.length;) {
                const size = 1 + Math.floor(rand() * 96);
                s.feed(stream.subarray(off, off + size));
                off += size;
                maxHeld = Math.max(maxHeld, s.session.buffered);
            }
            // The sync recipe of protocol.ts: a newline ends whatever was left, then a request.
            s.feed(`\n${request(`probe-${i}`, "agent.sync", { id: i })}`);
            await s.settle();
            const probe = s.byId(`probe-${i}`);
            if (!probe || !("result" in probe) || (probe.result as { id?: unknown }).id !== i) {
                failures.push(`iteration ${i}: probe not answered (${JSON.stringify(probe)})`);
            }
        }
        let invalid = 0;
        try {
            s.replies(); // throws on any line that is not a JSON-RPC response
        } catch (e) {
            invalid++;
            failures.push(String(e));
        }
        assert.deepEqual(failures, [], "every probe answered");
        assert.strictEqual(invalid, 0, "every line sent is a JSON-RPC response");
        assert.ok(maxHeld <= MAX_LINE, `buffered input stayed within the line limit (max ${maxHeld})`);
        assert.ok(s.sent.length > ITERATIONS, "the garbage itself was answered too");
        await agent.stop();
    });
});
