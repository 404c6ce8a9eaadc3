// How to get kvmm-agent into a guest: the plugin serves the agent itself (dist/agent/, built by
// pkg/agent/build-tar.sh), so a user needs no KVM Manager sources for it.
import { Content } from "@patternfly/react-core";

import { _ } from "../../../lib/i18n.ts";

/** The architectures the agent is built for (agent/build-sea.js), as `uname -m` names them. */
const AGENT_ARCHES = ["x86_64", "aarch64"] as const;

/** Beside index.html in the plugin's folder, on whichever host the page is for. */
function agentArchiveUrl(arch: typeof AGENT_ARCHES[number]): string {
    return `agent/kvmm-agent-${arch}.tar.gz`;
}

export function InstallHelp() {
    return (
        <Content id="guest-install-help">
            <p>{_("Install kvmm-agent in the guest. It is one program with nothing else to install; the guest needs glibc 2.28 or newer (RHEL 8, Ubuntu 20.04, Debian 10 and later).")}</p>
            <ol>
                <li>
                    {_("Download the agent for the guest's architecture and copy it into the guest:")}
                    {AGENT_ARCHES.map(arch => (
                        <span key={arch}>
                            {" "}<a id={`guest-install-download-${arch}`} href={agentArchiveUrl(arch)} download>{`kvmm-agent-${arch}.tar.gz`}</a>
                        </span>
                    ))}
                </li>
                <li>
                    {_("In the guest, as root:")} <code>tar xf kvmm-agent-$(uname -m).tar.gz && sh kvmm-agent/install.sh</code>
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
