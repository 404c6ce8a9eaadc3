// A serial port or text console of the VM in a terminal.
import { Button, FormSelect, FormSelectOption, Label, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from "@patternfly/react-core";
import { useRef } from "react";

import { _, format } from "../../../lib/i18n.ts";
import type { ConnectionId } from "../../../libvirt/connection.ts";
import type { SerialDevice } from "../../../libvirt/console-devices.ts";
import { Notice } from "../../common/Notice.tsx";
import { LEAVE_HINT } from "./leave-console.ts";
import { type SerialStatus, useSerialChannel } from "./use-serial-channel.ts";
import { useTerminal } from "./use-terminal.ts";

interface SerialConsoleProps {
    connection: ConnectionId;
    uuid: string;
    devices: SerialDevice[];
    selected: SerialDevice;
    onSelect: (device: SerialDevice) => void;
    /** Absent while the VM is not running; changes at every start. */
    sessionKey: string | undefined;
}

export function deviceKey(device: SerialDevice): string {
    return device.alias ?? `${device.kind}${String(device.port)}`;
}

export function deviceLabel(device: SerialDevice): string {
    if (device.kind === "serial") return format(_("Serial port $0"), device.port);
    if (device.targetType === "virtio") return format(_("Text console $0 (virtio)"), device.port);
    return format(_("Console $0 ($1)"), device.port, device.targetType);
}

const STATUS_LABELS: Record<SerialStatus, string> = {
    stopped: _("Not running"),
    connecting: _("Connecting"),
    connected: _("Connected"),
    disconnected: _("Disconnected"),
};

export function SerialConsole({ connection, uuid, devices, selected, onSelect, sessionKey }: SerialConsoleProps) {
    const container = useRef<HTMLDivElement | null>(null);
    const term = useTerminal(container);
    const alias = selected.alias;
    const serial = useSerialChannel(term, { connection, uuid, ...(alias ? { alias } : {}), ...(sessionKey ? { sessionKey } : {}) });
    const live = serial.status === "connected" || serial.status === "connecting";

    return (
        <div id="serial-console" className="serial-console" data-state={serial.status} data-device={deviceKey(selected)}>
            <Toolbar className="console-toolbar" inset={{ default: "insetNone" }}>
                <ToolbarContent>
                    <ToolbarItem>
                        <Label id="serial-status" color={serial.status === "connected" ? "green" : "grey"}>{STATUS_LABELS[serial.status]}</Label>
                    </ToolbarItem>
                    {devices.length > 1 && (
                        <ToolbarItem>
                            <FormSelect id="serial-device" aria-label={_("Console device")} value={deviceKey(selected)}
                                        onChange={(_event, value) => {
                                            const device = devices.find(d => deviceKey(d) === value);
                                            if (device) onSelect(device);
                                        }}>
                                {devices.map(d => <FormSelectOption key={deviceKey(d)} value={deviceKey(d)} label={deviceLabel(d)} />)}
                            </FormSelect>
                        </ToolbarItem>
                    )}
                    <ToolbarGroup align={{ default: "alignEnd" }}>
                        <ToolbarItem>
                            {live
                                ? <Button variant="secondary" id="serial-disconnect" onClick={serial.disconnect}>{_("Disconnect")}</Button>
                                : <Button variant="secondary" id="serial-reconnect" isDisabled={!sessionKey} onClick={serial.reconnect}>{_("Reconnect")}</Button>}
                        </ToolbarItem>
                    </ToolbarGroup>
                </ToolbarContent>
            </Toolbar>
            {serial.status === "stopped" && (
                <Notice isInline variant="info" id="serial-message" title={_("The virtual machine is not running")}>
                    {_("The console connects when the virtual machine starts. Output from earlier runs stays below.")}
                </Notice>
            )}
            {serial.status === "disconnected" && (
                <Notice isInline variant="info" id="serial-message" title={serial.message ?? _("Disconnected from the serial console.")}
                       actionLinks={<Button variant="link" isInline onClick={serial.reconnect}>{_("Reconnect")}</Button>} />
            )}
            <div ref={container} className="serial-terminal" id="serial-terminal" />
            <p className="console-hint">{_("To copy, select text and press Ctrl+Shift+C. To paste, press Ctrl+Shift+V.")} {LEAVE_HINT}</p>
        </div>
    );
}
