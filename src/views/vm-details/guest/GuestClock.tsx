// The guest's clock against the host's, and a button that sets it from the host's (a guest's
// clock drifts after the VM was paused, saved or the host slept).
import { Button, HelperText, HelperTextItem } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";
import { DetailItem } from "../../common/DetailItem.tsx";
import { clockOffsetText, clockSetText } from "./clock-offset.ts";
import { type GuestClockAccess, useGuestClock } from "./use-guest-clock.ts";

/** clock: the same object while the page shows the guest. */
export function GuestClock({ clock, canSet }: { clock: GuestClockAccess; canSet: boolean }) {
    const { state, measure, setFromHost } = useGuestClock(clock);
    return (
        <DetailItem id="guest-clock" term={_("Clock")}>
            {/* Text and buttons on lines of their own: the row keeps its height when the first
                comparison comes in, so nothing below it moves under the user's pointer. */}
            <div id="guest-clock-offset" data-offset-ms={state.offsetMs === undefined ? "" : String(Math.round(state.offsetMs))}>
                {state.offsetMs === undefined ? (state.busy ? _("Comparing with the host's clock") : "—") : clockOffsetText(state.offsetMs)}
            </div>
            <div>
                <Button id="guest-clock-check" variant="link" isInline isDisabled={state.busy} onClick={() => void measure()}>{_("Compare again")}</Button>
                {canSet && (
                    <>
                        {" · "}
                        <Button id="guest-clock-set" variant="link" isInline isDisabled={state.busy} onClick={() => void setFromHost()}>
                            {_("Set from the host's clock")}
                        </Button>
                    </>
                )}
            </div>
            {state.correctedMs !== undefined && <div id="guest-clock-corrected">{clockSetText(state.correctedMs)}</div>}
            {state.error && (
                <HelperText><HelperTextItem id="guest-clock-error" variant="error">{state.error}</HelperTextItem></HelperText>
            )}
        </DetailItem>
    );
}
