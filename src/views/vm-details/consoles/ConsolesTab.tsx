// The VM's consoles: its graphical display (VNC) and its serial ports, one shown at a time.
import "./consoles.css";

import { EmptyState, EmptyStateBody, Spinner, ToggleGroup, ToggleGroupItem } from "@patternfly/react-core";
import { DesktopIcon, TerminalIcon } from "@patternfly/react-icons";
import { useMemo, useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { type ConsoleDevices, parseConsoleDevices, type SerialDevice } from "../../../libvirt/console-devices.ts";
import { isActiveState } from "../../../libvirt/domain-state.ts";
import type { Vm } from "../../../state/vm-types.ts";
import { ConfigLoading } from "../ConfigLoading.tsx";
import type { VmTabProps } from "../tab-props.ts";
import type { DomainConfigState } from "../use-domain-config.ts";
import { NoVncState } from "./NoVncState.tsx";
import { deviceKey, SerialConsole } from "./SerialConsole.tsx";
import { VncConsole } from "./VncConsole.tsx";

type View = "graphical" | "serial";

function NotRunning({ id, body }: { id: string; body: string }) {
    return (
        <EmptyState id={id} titleText={_("The virtual machine is not running")} headingLevel="h2" icon={DesktopIcon}>
            <EmptyStateBody>{body}</EmptyStateBody>
        </EmptyState>
    );
}

interface ViewProps {
    vm: Vm;
    config: DomainConfigState;
    devices: ConsoleDevices;
    /** The running QEMU's id; absent while the VM is not running. */
    sessionKey: string | undefined;
}

function GraphicalView({ vm, config, devices, sessionKey }: ViewProps) {
    const vnc = devices.vnc;
    if (!vnc) {
        if (sessionKey && config.saved?.graphics.some(g => g.type === "vnc")) {
            return (
                <EmptyState id="vnc-pending" titleText={_("VNC display added")} headingLevel="h2" icon={DesktopIcon}>
                    <EmptyStateBody>{_("The VNC display appears after the virtual machine is shut down and started again.")}</EmptyStateBody>
                </EmptyState>
            );
        }
        return <NoVncState vm={vm} active={sessionKey !== undefined} otherGraphics={devices.otherGraphics} onAdded={config.reload} />;
    }
    if (!sessionKey) return <NotRunning id="vnc-not-running" body={_("The display shows here when the virtual machine starts.")} />;
    if (!vnc.endpoint) return <Spinner size="lg" aria-label={_("Waiting for the VNC server")} />;
    return <VncConsole endpoint={vnc.endpoint} sessionKey={sessionKey} />;
}

function SerialView({ vm, config, devices, sessionKey }: ViewProps) {
    const [chosen, setChosen] = useState<string | undefined>(undefined);
    const uuid = config.live?.uuid ?? vm.uuid ?? "";
    const selected: SerialDevice | undefined = devices.serials.find(d => deviceKey(d) === chosen) ?? devices.serials[0];
    if (!selected) {
        return (
            <EmptyState id="serial-none" titleText={_("No serial console")} headingLevel="h2" icon={TerminalIcon}>
                <EmptyStateBody>{_("This virtual machine has no serial port or text console that the host can reach.")}</EmptyStateBody>
            </EmptyState>
        );
    }
    return (
        <SerialConsole key={deviceKey(selected)} connection={vm.connection} uuid={uuid} devices={devices.serials}
                       selected={selected} onSelect={d => setChosen(deviceKey(d))} sessionKey={sessionKey} />
    );
}

export function ConsolesTab({ vm, config }: VmTabProps) {
    const liveXml = config.liveXml;
    const devices = useMemo(() => (liveXml ? parseConsoleDevices(liveXml) : undefined), [liveXml]);
    const [view, setView] = useState<View | undefined>(undefined);
    if (!config.live || !devices) return <ConfigLoading config={config} />;

    const active = isActiveState(vm.state) && devices.domainId !== undefined;
    const sessionKey = active ? String(devices.domainId) : undefined;
    // The display when there is one; else a serial console; else the offer to add a display.
    const shown: View = view ?? (devices.vnc || devices.serials.length === 0 ? "graphical" : "serial");
    const props = { vm, config, devices, sessionKey };

    return (
        <div id="vm-consoles" className="vm-consoles" data-view={shown}>
            <ToggleGroup aria-label={_("Console")} className="console-type">
                <ToggleGroupItem buttonId="console-type-graphical" text={_("Graphical console")} isSelected={shown === "graphical"} onChange={() => setView("graphical")} />
                <ToggleGroupItem buttonId="console-type-serial" text={_("Serial console")} isSelected={shown === "serial"} onChange={() => setView("serial")} />
            </ToggleGroup>
            {shown === "graphical" ? <GraphicalView {...props} /> : <SerialView {...props} />}
        </div>
    );
}
