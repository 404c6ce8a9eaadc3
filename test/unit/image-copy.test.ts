import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import QUnit from "qunit";

import { nodeTransports } from "../../src/cli/node-transports.ts";
import { convertArgv, copyImage, imageInfo, lastPercent } from "../../src/host/qemu-img.ts";
import { setTransports } from "../../src/lib/transports.ts";
import { OperationCancelled } from "../../src/libvirt/errors.ts";
import { type TransferProgress, transferReporter } from "../../src/operations/progress.ts";

QUnit.module("image copies", hooks => {
    let dir = "";
    hooks.before(() => {
        setTransports(nodeTransports);
        dir = mkdtempSync(join(tmpdir(), "kvmm-image-copy-"));
    });
    hooks.after(() => rmSync(dir, { recursive: true, force: true }));

    QUnit.test("qemu-img's command line: snapshot read shared, options with commas doubled", assert => {
        assert.deepEqual(convertArgv({ source: "/a,b.qcow2", sourceFormat: "qcow2", snapshot: "s1", target: "/t.vmdk", targetFormat: "vmdk",
                                       targetOptions: { subformat: "streamOptimized", x: "1,2" }, compress: true, targetExists: true }),
                         ["qemu-img", "convert", "-p", "-U", "-l", "snapshot.name=s1", "-f", "qcow2", "-O", "vmdk",
                          "-o", "subformat=streamOptimized,x=1,,2", "-c", "-n", "--", "/a,b.qcow2", "/t.vmdk"]);
        assert.strictEqual(lastPercent("    (0.00/100%)\r    (12.50/100%)\r"), 12.5);
        assert.strictEqual(lastPercent("(12.5"), undefined, "a cut-off figure is skipped");
    });

    QUnit.test("a copy reports its bytes up to the whole image, and the copy holds the same data", async assert => {
        const source = join(dir, "source.qcow2");
        execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", source, "64M"]);
        execFileSync("qemu-io", ["-c", "write -P 0x5a 1M 8M", source], { stdio: "ignore" });
        const seen: number[] = [];
        const target = join(dir, "copy.raw");
        await copyImage("system", { source, sourceFormat: "qcow2", target, targetFormat: "raw" }, {
            onBytes: (done, total) => {
                assert.strictEqual(total, 64 * 2 ** 20);
                seen.push(done);
            },
        });
        assert.strictEqual(seen.at(-1), 64 * 2 ** 20, "ends at the whole size");
        assert.deepEqual(seen, [...seen].sort((a, b) => a - b), "never goes back");
        assert.strictEqual((await imageInfo("system", target)).format, "raw");
        execFileSync("qemu-img", ["compare", "-q", "-f", "qcow2", "-F", "raw", source, target]);
    });

    QUnit.test("a cancelled copy ends qemu-img and rejects as cancelled", async assert => {
        const source = join(dir, "big.raw");
        // Random data: qemu-img cannot skip it as zeroes, so the copy lasts long enough to cancel.
        execFileSync("sh", ["-c", `head -c ${String(256 * 2 ** 20)} /dev/urandom > '${source}'`]);
        const target = join(dir, "big.qcow2");
        const controller = new AbortController();
        const copy = copyImage("system", { source, sourceFormat: "raw", target, targetFormat: "qcow2", compress: true }, {
            signal: controller.signal,
            onBytes: done => { if (done > 0) controller.abort(); },
        });
        await assert.rejects(copy, (e: unknown) => e instanceof OperationCancelled);
        const running = execFileSync("sh", ["-c", "ps -C qemu-img -o args= || true"]).toString();
        assert.notOk(running.includes(target), "no qemu-img left running");
        assert.ok(existsSync(target), "the caller removes the partial target");
    });

    QUnit.test("rate and time left come once a second of copying has passed", assert => {
        let now = 1000;
        const seen: TransferProgress[] = [];
        const report = transferReporter({ onTransfer: p => seen.push(p) }, "Copying", () => now);
        report(10, 100);
        now += 2000;
        report(50, 100);
        assert.deepEqual(seen[0], { step: "Copying", doneBytes: 10, totalBytes: 100 });
        assert.deepEqual(seen[1], { step: "Copying", doneBytes: 50, totalBytes: 100, bytesPerSecond: 25, secondsLeft: 2 });
    });
});
