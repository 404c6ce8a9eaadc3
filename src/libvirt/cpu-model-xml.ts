// A domain's <cpu> set to a named model: the mode and the features of the host's CPU go, the
// topology and anything else stays.
import { attributesOf, childrenOf, editXml, element, type OrderedNode, replaceChildren, setAttributes, tagOf } from "./xml-edit.ts";

/** fallback='allow': QEMU may use another model should this one lack on the host. */
export function withNamedCpuModel(domainXml: string, model: string): string {
    return editXml(domainXml, "domain", domain => {
        let cpu = childrenOf(domain).find(n => tagOf(n) === "cpu");
        if (!cpu) {
            cpu = element("cpu");
            childrenOf(domain).push(cpu);
        }
        // check and migratable belong to the host modes.
        const kept = Object.entries(attributesOf(cpu)).filter(([k]) => !["mode", "check", "migratable"].includes(k));
        cpu[":@"] = {};
        setAttributes(cpu, { ...Object.fromEntries(kept), mode: "custom", match: "exact" });
        const named: OrderedNode = element("model", { fallback: "allow" }, [{ "#text": model }]);
        // The host's features and vendor belong to the host's model, not to the named one.
        replaceChildren(cpu, n => ["model", "feature", "vendor"].includes(tagOf(n)), [named]);
    });
}
