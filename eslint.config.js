import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/", "agent/dist/", "build/", "node_modules/", "test/artifacts/", "po/*.pot", "types/no-node/"] },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: { allowDefaultProject: ["*.js", "test/*.js", "test/bench/*.js"] }, tsconfigRootDir: import.meta.dirname },
            globals: { ...globals.browser, ...globals.node },
        },
        plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y, "simple-import-sort": simpleImportSort },
        settings: { react: { version: "19" } },
        rules: {
            ...react.configs.recommended.rules,
            ...react.configs["jsx-runtime"].rules,
            "react-hooks/rules-of-hooks": "error",
            "react-hooks/exhaustive-deps": ["error", { additionalHooks: "^useData$" }],
            ...jsxA11y.flatConfigs.recommended.rules,
            // A dialog's first field takes the focus, as PatternFly's own dialogs do.
            "jsx-a11y/no-autofocus": ["error", { ignoreNonDOM: true }],
            "simple-import-sort/imports": "error",
            eqeqeq: "error",
            "max-lines": ["warn", { max: 300, skipBlankLines: true, skipComments: true }],
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
            "@typescript-eslint/no-confusing-void-expression": "off",
        },
    },
    {
        // Tests are left out: a QUnit module's callback holds all of its tests.
        files: ["src/**/*.{ts,tsx}", "agent/src/**/*.ts"],
        rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
    },
    ...layerRules(),
    {
        files: ["**/*.js"],
        ...tseslint.configs.disableTypeChecked,
    },
);

/**
 * The house's layers: src/lib → src/libvirt, src/host → src/operations → src/state → src/views.
 * A layer imports only from the ones before it; views reach the host and libvirt only through
 * the functions below them; host commands are run only in src/host.
 */
function layerRules() {
    const order = ["lib", "libvirt", "host", "operations", "state", "views"];
    // libvirt and host are side by side: host reads libvirt's types and errors, libvirt runs no commands.
    // osinfo (parsing osinfo-db) is as plain as lib.
    // agent-client (our guest agent's JSON-RPC) is as low as host: it speaks over lib's byte streams.
    const allowed = {
        lib: [], osinfo: ["lib"], libvirt: ["lib"], host: ["lib", "libvirt", "osinfo"], "agent-client": ["lib"],
        operations: ["lib", "libvirt", "host", "osinfo", "agent-client"], state: ["lib", "libvirt", "host", "operations", "osinfo", "agent-client"],
    };
    const hostRunner = {
        selector: "MemberExpression[object.callee.name='transports'][property.name='host']",
        message: "Host commands and files are run only in src/host (add a function there).",
    };
    const cockpitIo = {
        selector: "MemberExpression[object.name='cockpit'][property.name=/^(dbus|spawn|file|channel|script)$/]",
        message: "Views do not talk to the host or D-Bus: call a function of src/operations, src/libvirt or src/host.",
    };
    const noSpawn = { name: "node:child_process", message: "Host commands go through the host runner (src/host)." };
    const layerConfigs = Object.entries(allowed).map(([layer, may]) => ({
        files: [`src/${layer}/**/*.{ts,tsx}`],
        rules: {
            "no-restricted-imports": ["error", {
                paths: [noSpawn],
                patterns: order.concat(["osinfo", "cli", "agent-client"]).filter(other => other !== layer && !may.includes(other))
                    .map(other => ({ group: [`**/${other}/*`, `**/${other}/**`], message: `src/${layer} may not import from src/${other} (layers: ${order.join(" → ")}).` })),
            }],
            ...(layer === "host" ? {} : { "no-restricted-syntax": ["error", hostRunner] }),
        },
    }));
    return [
        {
            // Only Node's host runner (and ssh for --host) start processes in the plugin and kvmm.
            files: ["src/**/*.{ts,tsx}"],
            ignores: ["src/cli/node-host.ts", "src/cli/remote.ts"],
            rules: { "no-restricted-imports": ["error", { paths: [noSpawn] }] },
        },
        ...layerConfigs,
        {
            files: ["src/views/**/*.{ts,tsx}"],
            rules: {
                "no-restricted-imports": ["error", {
                    paths: [noSpawn],
                    patterns: [{ group: ["**/cli/*", "**/lib/cockpit-transports.ts"], message: "Views do not choose a transport." }],
                }],
                "no-restricted-syntax": ["error", hostRunner, cockpitIo],
            },
        },
    ];
}
