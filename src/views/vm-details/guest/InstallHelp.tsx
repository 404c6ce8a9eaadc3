// How to get kvmm-agent into a guest.
import { Content } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";

const PACKAGING_URL = "https://github.com/kvm-manager/kvm-manager/tree/main/pkg/agent";

export function InstallHelp() {
    return (
        <Content id="guest-install-help">
            <p>
                {_("Install kvmm-agent in the guest: it needs Node.js 18 or newer. Packages for Debian, Ubuntu and Fedora and an install script for other distributions come with KVM Manager:")}
                {" "}<a href={PACKAGING_URL} target="_blank" rel="noopener noreferrer">{_("kvmm-agent packaging")}</a>
            </p>
            <p>{_("Until the agent runs, the guest's details, commands, file transfers and agent shutdown are not available.")}</p>
        </Content>
    );
}
