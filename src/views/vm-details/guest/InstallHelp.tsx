// How to get kvmm-agent into a guest.
import { Content } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";

export function InstallHelp() {
    return (
        <Content id="guest-install-help">
            <p>{_("Install kvmm-agent in the guest. It needs Node.js 18 or newer. The KVM Manager sources build its packages and hold an install script for other distributions:")}</p>
            <ul>
                <li><code>make agent-deb</code> {_("for Debian and Ubuntu")}</li>
                <li><code>make agent-rpm</code> {_("for Fedora, RHEL and openSUSE")}</li>
                <li><code>pkg/agent/install.sh</code> {_("for other distributions")}</li>
            </ul>
            <p>{_("The agent starts by itself once the virtual machine has the agent channel. Until it runs, the guest's details, commands, file transfers and shutdown through the agent are not available.")}</p>
        </Content>
    );
}
