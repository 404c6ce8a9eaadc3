// The alert rules file Prometheus evaluates (its rule_files, as pkg/host/history.sh configures
// it), and the alerts Prometheus holds, read over its HTTP API from the managed host.
import { _ } from "../lib/i18n.ts";
import { type ActiveAlert, parseAlerts } from "../lib/prometheus/response.ts";
import type { HistorySettings } from "../lib/prometheus/settings.ts";
import { HttpFailure, transports } from "../lib/transports.ts";
import { LibvirtError } from "../libvirt/errors.ts";
import { runOnHost } from "./host-command.ts";

export const ALERT_RULES_FILE = "/etc/kvm-manager/alert-rules.yml";

/** The file's text; null when history was never set up here. */
export function readAlertRulesFile(): Promise<string | null> {
    return transports().host.readFile(ALERT_RULES_FILE, {});
}

// promtool (shipped with Prometheus) checks the new file beside the old one, which stays unless
// the check passes; without promtool, Prometheus's reload is the check.
const REPLACE = `set -e
new="$1.new"
cat > "$new"
if command -v promtool >/dev/null && ! promtool check rules "$new" >&2; then rm -f "$new"; exit 1; fi
chmod 0644 "$new"
mv "$new" "$1"`;

/** Writes the rules file (as root) once promtool has checked it. */
export async function writeAlertRulesFile(text: string): Promise<void> {
    await runOnHost("system", ["sh", "-c", REPLACE, "sh", ALERT_RULES_FILE], { input: text, what: _("The alert rules could not be saved") });
}

/** Prometheus reads its configuration and rules again (it runs with --web.enable-lifecycle). */
export async function reloadPrometheus(settings: HistorySettings): Promise<void> {
    try {
        await transports().http.send("POST", `${settings.url}/-/reload`);
    } catch (error) {
        const detail = error instanceof HttpFailure ? `${error.message} ${error.body}`.trim() : String(error);
        throw new LibvirtError({ kind: "libvirt", summary: _("Prometheus did not load the new alert rules"), detail });
    }
}

export async function readActiveAlerts(settings: HistorySettings): Promise<ActiveAlert[]> {
    return parseAlerts(await transports().http.get(`${settings.url}/api/v1/alerts`, {}));
}
