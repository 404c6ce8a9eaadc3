// Bundles the plugin into dist/ (and, with --tests, the test suites into build/).
// Production output is minified and gzip-compressed as Cockpit serves it.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import esbuild from "esbuild";
import gettextParser from "gettext-parser";

const args = process.argv.slice(2);
const watch = args.includes("--watch");
const tests = args.includes("--tests");
const production = !watch && process.env.NODE_ENV !== "development";
const outdir = "dist";

/** po/<lang>.po → dist/po.<lang>.js, in the form cockpit.locale() takes. */
function buildTranslations() {
    if (!existsSync("po")) return;
    for (const file of readdirSync("po").filter(f => f.endsWith(".po"))) {
        const lang = path.basename(file, ".po");
        const po = gettextParser.po.parse(readFileSync(path.join("po", file)));
        const pluralForms = po.headers["Plural-Forms"] ?? "nplurals=2; plural=(n != 1);";
        const messages = {};
        for (const [context, entries] of Object.entries(po.translations)) {
            for (const [msgid, entry] of Object.entries(entries)) {
                if (!msgid || entry.msgstr.every(s => !s)) continue;
                const key = context ? `${context}\u0004${msgid}` : msgid;
                messages[key] = [entry.msgid_plural ?? null, ...entry.msgstr];
            }
        }
        // cockpit.locale() calls "plural-forms" as a function of n, as Cockpit's own po.js files define it.
        const header = `"": {"plural-forms": function(n) { var nplurals, plural; ${pluralForms} return plural; }, "language": ${JSON.stringify(lang)}}`;
        const body = JSON.stringify(messages).slice(1, -1);
        writeFileSync(path.join(outdir, `po.${lang}.js`), `cockpit.locale({${header}${body ? `, ${body}` : ""}});\n`);
    }
}

function copyStatic() {
    mkdirSync(outdir, { recursive: true });
    copyFileSync("src/index.html", path.join(outdir, "index.html"));
    copyFileSync("manifest.json", path.join(outdir, "manifest.json"));
    buildTranslations();
}

/** Cockpit serves foo.js.gz for foo.js: keep only the compressed copy of large files. */
function compress() {
    for (const file of readdirSync(outdir, { recursive: true })) {
        const full = path.join(outdir, file);
        if (!/\.(js|css|svg)$/.test(file) || file === "index.html" || file === "manifest.json") continue;
        if (statSync(full).size < 1024) continue;
        writeFileSync(`${full}.gz`, gzipSync(readFileSync(full), { level: 9 }));
        rmSync(full);
    }
}

/**
 * One stylesheet: esbuild puts all the CSS an entry reaches, the lazily loaded tabs' included, into
 * the entry's sheet (index.css), and writes each lazily loaded chunk's CSS again beside its JS,
 * PatternFly and all, where nothing loads it (esbuild does not split CSS). Drop those copies once
 * index.css is seen to hold every file they were made of.
 */
function dropChunkStylesheets(metafile) {
    const chunks = path.join(outdir, "chunks") + path.sep;
    const sheets = Object.entries(metafile.outputs).filter(([file]) => file.endsWith(".css"));
    const inMain = new Set(sheets.filter(([file]) => !file.startsWith(chunks)).flatMap(([, sheet]) => Object.keys(sheet.inputs)));
    for (const [file, sheet] of sheets.filter(([f]) => f.startsWith(chunks))) {
        const missing = Object.keys(sheet.inputs).filter(input => !inMain.has(input));
        if (missing.length > 0) throw new Error(`${file} has CSS that index.css lacks: ${missing.join(", ")}`);
        rmSync(file);
        rmSync(`${file}.LEGAL.txt`, { force: true });
    }
}

const pluginOptions = {
    // The hashing worker is loaded by its own URL (src/agent-client/bytes.ts), beside index.html.
    entryPoints: { "index": "src/index.tsx", "hash-worker": "src/agent-client/hash-worker.ts" },
    bundle: true,
    outdir,
    // ES modules, so that code split off (import()) loads on demand; see VmDetailsPage.
    format: "esm",
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    target: ["es2022"],
    minify: production,
    sourcemap: production ? false : "inline",
    legalComments: "external",
    loader: { ".woff": "file", ".woff2": "file", ".svg": "file", ".png": "file", ".jpg": "file" },
    assetNames: "[name]",
    define: { "process.env.NODE_ENV": JSON.stringify(production ? "production" : "development") },
    logLevel: watch ? "info" : "warning",
    metafile: true,
    plugins: [{
        name: "static-files",
        setup(build) {
            build.onEnd(result => {
                if (result.errors.length > 0) return;
                dropChunkStylesheets(result.metafile);
                copyStatic();
            });
        },
    }],
};

function testEntryPoints() {
    const entries = {};
    for (const dir of ["test/unit", "test/browser"]) {
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir, { recursive: true })) {
            if (typeof f === "string" && f.endsWith(".test.ts")) entries[path.join(dir, f.replace(/\.ts$/, "")).replace(/^test\//, "")] = path.join(dir, f);
        }
    }
    return entries;
}

const version = JSON.parse(readFileSync("package.json", "utf8")).version;

/** kvmm: one file for the host's Node.js (CommonJS: /usr/bin has no package.json), and its man page. */
async function buildCli() {
    const cliDir = "build/kvmm";
    rmSync(cliDir, { recursive: true, force: true });
    await esbuild.build({
        entryPoints: ["src/cli/kvmm.ts"],
        bundle: true,
        outfile: path.join(cliDir, "kvmm"),
        platform: "node",
        format: "cjs",
        target: ["node18"],
        minify: production,
        legalComments: "none",
        banner: { js: "#!/usr/bin/env node" },
        define: { KVMM_VERSION: JSON.stringify(version) },
        // dbus-native loads it only for abstract-namespace bus addresses, which the buses here do not use.
        external: ["abstract-socket"],
        logLevel: "warning",
    });
    // The man page from the same text as --help.
    const help = path.join(cliDir, "help.mjs");
    await esbuild.build({ entryPoints: ["src/cli/help.ts"], bundle: true, outfile: help, platform: "node", format: "esm", logLevel: "warning" });
    const { manPage } = await import(path.resolve(help));
    writeFileSync(path.join(cliDir, "kvmm.1"), manPage(version));
    rmSync(help);
    chmodSync(path.join(cliDir, "kvmm"), 0o755);
    // So that it also runs from here, below our package.json's "type": "module".
    writeFileSync(path.join(cliDir, "package.json"), '{ "type": "commonjs" }\n');
}

if (tests) {
    await esbuild.build({
        entryPoints: testEntryPoints(),
        bundle: true,
        outdir: "build/test",
        platform: "node",
        format: "esm",
        target: ["node18"],
        sourcemap: "inline",
        packages: "external",
        logLevel: "warning",
    });
} else if (watch) {
    const ctx = await esbuild.context(pluginOptions);
    await ctx.watch();
} else {
    rmSync(outdir, { recursive: true, force: true });
    await esbuild.build(pluginOptions);
    if (production) compress();
    await buildCli();
}
