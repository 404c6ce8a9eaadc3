// PatternFly's Alert with its screen-reader prefix ("Warning alert:") in the user's language:
// PatternFly says it in English unless told otherwise. Every alert of the page goes through it.
import { Alert, type AlertProps } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";

const VARIANT_LABELS: Record<NonNullable<AlertProps["variant"]>, string> = {
    success: _("Success:"), danger: _("Error:"), warning: _("Warning:"), info: _("Information:"), custom: _("Notice:"),
};

export function Notice(props: AlertProps) {
    return <Alert variantLabel={VARIANT_LABELS[props.variant ?? "custom"]} {...props} />;
}
