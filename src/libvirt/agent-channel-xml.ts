// The <channel> device that gives a VM the kvmm-agent's virtio-serial port.
import { PORT_NAME } from "../../agent/src/protocol.ts";
import { xmlBuilder } from "./xml.ts";

/** No <source>: libvirt picks the host socket path itself. */
export function agentChannelXml(): string {
    return xmlBuilder.build({
        channel: { "@_type": "unix", target: { "@_type": "virtio", "@_name": PORT_NAME } },
    });
}
