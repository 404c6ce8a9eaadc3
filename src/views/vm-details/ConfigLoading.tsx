// Shown by a tab while the VM's XML is read, or when reading it failed.
import { Spinner } from "@patternfly/react-core";

import { _ } from "../../lib/i18n.ts";
import { Notice } from "../common/Notice.tsx";
import type { DomainConfigState } from "./use-domain-config.ts";

export function ConfigLoading({ config }: { config: DomainConfigState }) {
    if (config.error) {
        return (
            <Notice variant="danger" isInline title={_("The virtual machine's configuration could not be read")}>
                {config.error.summary}: {config.error.detail}
            </Notice>
        );
    }
    return <Spinner size="lg" aria-label={_("Loading")} />;
}
