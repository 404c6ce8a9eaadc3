// How to get kvmm-agent into a guest: the plugin serves the agent itself (dist/agent/, built by
// pkg/agent/build-tar.sh), so a user needs no KVM Manager sources for it.
import { Content } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";

/** Beside index.html in the plugin's folder, on whichever host the page is for. */
export const AGENT_ARCHIVE_URL = "agent/kvmm-agent.tar";

export function InstallHelp() {
    return (
        <Content id="guest-install-help">
            <p>{_("Install kvmm-agent in the guest. It needs Node.js 18 or newer.")}</p>
            <ol>
                <li>
                    <a id="guest-install-download" href={AGENT_ARCHIVE_URL} download="kvmm-agent.tar">{_("Download the agent")}</a>
                    {" "}{_("(kvmm-agent.tar) and copy it into the guest.")}
                </li>
                <li>
                    {_("In the guest, as root:")} <code>tar xf kvmm-agent.tar && sh kvmm-agent/install.sh</code>
                </li>
            </ol>
            <p>
                {_("Debian, Ubuntu, Fedora, RHEL and openSUSE packages are built from the KVM Manager sources:")}
                {" "}<code>make agent-deb</code>, <code>make agent-rpm</code>.
            </p>
            <p>{_("The agent starts by itself once the virtual machine has the agent channel. Until it runs, the guest's details, commands, file transfers and shutdown through the agent are not available.")}</p>
        </Content>
    );
}
