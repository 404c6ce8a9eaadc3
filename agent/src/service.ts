/* Assembles config, method modules and dispatcher into one agent (used by main and by tests in-process). */
import path from "node:path";

import { Audit } from "./audit.ts";
import { type AgentConfig,disabledMethodSet } from "./config.ts";
import { Dispatcher } from "./dispatch.ts";
import { TransferMemory } from "./memory.ts";
import { agentMethods } from "./methods/agent.ts";
import type { Handlers } from "./methods/define.ts";
import { execMethods, ExecSessions } from "./methods/exec.ts";
import { Downloads, fileReadMethods } from "./methods/file-read.ts";
import { fileWriteMethods, Uploads } from "./methods/file-write.ts";
import { fileMethods } from "./methods/files.ts";
import { freezeMethods,Freezer } from "./methods/fsfreeze.ts";
import { guestInfoMethods } from "./methods/guest-info.ts";
import { metricsMethods, MetricsSampler } from "./methods/metrics.ts";
import { powerMethods } from "./methods/power.ts";
import { updateMethods } from "./methods/update.ts";
import { userMethods } from "./methods/users.ts";
import { PathPolicy } from "./paths.ts";
import { UploadJournal } from "./upload-journal.ts";
import { AGENT_VERSION } from "./version.ts";

export interface Agent {
    readonly config: AgentConfig;
    readonly dispatcher: Dispatcher;
    /** Removes the temp files of uploads an earlier agent did not finish (it was killed, or the guest went down); their paths. */
    removeUnfinishedUploads(): Promise<string[]>;
    /** Undo what must not outlive the agent: running commands, temp files, frozen filesystems. */
    stop(): Promise<void>;
}

export function createAgent(config: AgentConfig, audit: Audit = new Audit()): Agent {
    const disabled = disabledMethodSet(config);
    const policy = new PathPolicy(config.allowedDirectories);
    const sessions = new ExecSessions(config);
    const memory = new TransferMemory(() => uploads.open === 0 && downloads.open === 0);
    const journal = new UploadJournal(path.join(config.stateDirectory, "uploads"));
    const uploads = new Uploads(config, policy, () => memory.ended(), journal);
    const downloads = new Downloads(config, policy, () => memory.ended());
    const freezer = new Freezer(config);
    // Typed as Handlers: compilation fails if a method of the protocol has no handler.
    const handlers: Handlers = {
        ...agentMethods(config, AGENT_VERSION, disabled),
        ...guestInfoMethods(),
        ...powerMethods(config),
        ...execMethods(config, sessions),
        ...metricsMethods(new MetricsSampler()),
        ...userMethods(config),
        ...fileMethods(config, policy),
        ...fileReadMethods(downloads),
        ...fileWriteMethods(uploads),
        ...freezeMethods(freezer),
        ...updateMethods(config, policy, AGENT_VERSION, () => stop()),
    };
    const dispatcher = new Dispatcher({
        handlers: new Map(Object.entries(handlers)),
        disabled,
        audit,
        maxInFlight: config.maxInFlight,
        unlimited: new Set(["agent.ping", "agent.sync", "agent.info"]),
    });
    async function stop(): Promise<void> {
        sessions.killAll();
        await uploads.abortAll();
        await downloads.closeAll();
        await freezer.thawAll();
        memory.stop();
    }
    return { config, dispatcher, removeUnfinishedUploads: () => journal.sweep(), stop };
}
