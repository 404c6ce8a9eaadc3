// Bundles the guest agent into one self-contained script: agent/dist/kvmm-agent.js.
// Run from anywhere: node agent/build.js [--watch]
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, "dist", "kvmm-agent.js");

const options = {
    entryPoints: [path.join(here, "src", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: ["node18"],
    // CommonJS: installed as a lone .js file (no package.json beside it), Node 18 loads it as CJS.
    format: "cjs",
    // The generated bundle is not lint material (the repo's eslint config only ignores the top dist/).
    banner: { js: "#!/usr/bin/env node\n/* eslint-disable */" },
    // Guard: the agent must not pull in npm packages (it runs in guests with nothing but Node).
    plugins: [{
        name: "builtins-only",
        setup(build) {
            build.onResolve({ filter: /^[^./]/ }, args => {
                if (args.path.startsWith("node:")) return { path: args.path, external: true };
                return { errors: [{ text: `kvmm-agent must only use node: builtins, not "${args.path}"` }] };
            });
        },
    }],
    legalComments: "none",
    logLevel: "warning",
};

mkdirSync(path.dirname(outfile), { recursive: true });
if (process.argv.includes("--watch")) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
} else {
    await esbuild.build(options);
    chmodSync(outfile, 0o755);
    // Inside this repo the root package.json says "type": "module"; this keeps dist/ CommonJS.
    writeFileSync(path.join(here, "dist", "package.json"), "{ \"type\": \"commonjs\" }\n");
}
