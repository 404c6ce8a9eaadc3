// kvmm's ways out: libvirt-dbus over Node's D-Bus client, host commands and sockets as its caller.
import type { Transports } from "../lib/transports.ts";
import { nodeDBus } from "./node-dbus.ts";
import { nodeHost } from "./node-host.ts";
import { nodeHttp } from "./node-http.ts";
import { nodeUnixStream } from "./node-unix-stream.ts";

export const nodeTransports: Transports = { dbus: nodeDBus, host: nodeHost, http: nodeHttp, unixStream: nodeUnixStream };
