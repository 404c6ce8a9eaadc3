// The graphical console's controls: scaling, send key, full screen, disconnect/reconnect.
import {
    Button, Divider, Dropdown, DropdownItem, DropdownList, Label, MenuToggle, ToggleGroup, ToggleGroupItem,
    Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem,
} from "@patternfly/react-core";
import { CompressIcon, ExpandIcon, KeyboardIcon } from "@patternfly/react-icons";
import { useState } from "react";

import { _ } from "../../../lib/i18n.ts";
import { KEY_COMBOS, type KeyCombo } from "./send-keys.ts";
import type { VncStatus } from "./use-vnc.ts";

interface VncToolbarProps {
    status: VncStatus;
    scale: boolean;
    onScale: (scale: boolean) => void;
    fullscreen: boolean;
    onFullscreen: () => void;
    onSendKey: (combo: KeyCombo) => void;
    onTypeText: () => void;
    onDisconnect: () => void;
    onReconnect: () => void;
}

const STATUS_LABELS: Record<VncStatus, string> = {
    idle: _("Waiting for the VM"),
    connecting: _("Connecting"),
    connected: _("Connected"),
    password: _("Password needed"),
    disconnected: _("Disconnected"),
};

interface SendKeyMenuProps {
    isDisabled: boolean;
    onSendKey: (combo: KeyCombo) => void;
    onTypeText: () => void;
}

function SendKeyMenu({ isDisabled, onSendKey, onTypeText }: SendKeyMenuProps) {
    const [open, setOpen] = useState(false);
    return (
        <Dropdown isOpen={open} onOpenChange={setOpen} onSelect={() => setOpen(false)} popperProps={{ position: "end" }}
                  toggle={ref => (
                      <MenuToggle ref={ref} id="vnc-send-key" icon={<KeyboardIcon />} isDisabled={isDisabled}
                                  isExpanded={open} onClick={() => setOpen(!open)}>
                          {_("Send key")}
                      </MenuToggle>
                  )}>
            <DropdownList>
                {KEY_COMBOS.map(combo => (
                    <DropdownItem key={combo.id} id={`vnc-send-${combo.id}`} onClick={() => onSendKey(combo)}>
                        {combo.label}
                    </DropdownItem>
                ))}
                <Divider component="li" />
                <DropdownItem id="vnc-type-text" onClick={onTypeText}>{_("Type text…")}</DropdownItem>
            </DropdownList>
        </Dropdown>
    );
}

export function VncToolbar(props: VncToolbarProps) {
    const { status } = props;
    const live = status === "connected" || status === "connecting" || status === "password";
    return (
        <Toolbar className="console-toolbar" inset={{ default: "insetNone" }}>
            <ToolbarContent>
                <ToolbarItem>
                    <Label id="vnc-status" color={status === "connected" ? "green" : "grey"} data-status={status}>
                        {STATUS_LABELS[status]}
                    </Label>
                </ToolbarItem>
                <ToolbarItem>
                    <ToggleGroup aria-label={_("Display size")}>
                        <ToggleGroupItem buttonId="vnc-scale-fit" text={_("Scale to fit")} isSelected={props.scale} onChange={() => props.onScale(true)} />
                        <ToggleGroupItem buttonId="vnc-scale-none" text={_("1:1")} isSelected={!props.scale} onChange={() => props.onScale(false)} />
                    </ToggleGroup>
                </ToolbarItem>
                <ToolbarGroup align={{ default: "alignEnd" }}>
                    <ToolbarItem>
                        <SendKeyMenu isDisabled={status !== "connected"} onSendKey={props.onSendKey} onTypeText={props.onTypeText} />
                    </ToolbarItem>
                    <ToolbarItem>
                        <Button variant="secondary" id="vnc-fullscreen" icon={props.fullscreen ? <CompressIcon /> : <ExpandIcon />} onClick={props.onFullscreen}>
                            {props.fullscreen ? _("Exit full screen") : _("Full screen")}
                        </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                        {live
                            ? <Button variant="secondary" id="vnc-disconnect" onClick={props.onDisconnect}>{_("Disconnect")}</Button>
                            : <Button variant="secondary" id="vnc-reconnect" isDisabled={status === "idle"} onClick={props.onReconnect}>{_("Reconnect")}</Button>}
                    </ToolbarItem>
                </ToolbarGroup>
            </ToolbarContent>
        </Toolbar>
    );
}
