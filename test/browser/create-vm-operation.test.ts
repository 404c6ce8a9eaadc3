// The create-VM operation itself, run in Node over the real system bus as kvmm runs it: it says
// each step as it begins, and a cancellation between steps (or during the last) removes what it
// made, as a failure does. libvirtd, libvirt-dbus and the storage pool are real.
import QUnit from "qunit";

import { nodeTransports } from "../../src/cli/node-transports.ts";
import { setTransports } from "../../src/lib/transports.ts";
import { reopenConnections } from "../../src/libvirt/connection.ts";
import { getDomainCapabilities } from "../../src/libvirt/domain-capabilities.ts";
import { describeError } from "../../src/libvirt/errors.ts";
import { createVm } from "../../src/operations/create-vm/create-vm.ts";
import { type CreateVmForm, initialForm } from "../../src/operations/create-vm/create-vm-form.ts";
import { cleanupTestDomains, createImage, domainExists, suiteMark, virsh } from "./lib/virsh.ts";

const MARK = suiteMark("create-op");
const POOL = `${MARK}-pool`;

async function poolFiles(): Promise<string[]> {
    await virsh("pool-refresh", POOL);
    return (await virsh("vol-list", POOL)).split("\n").map(l => l.trim().split(/\s+/)[0] ?? "").filter(Boolean).sort();
}

QUnit.module("Create VM operation", hooks => {
    let form: CreateVmForm;
    hooks.before(async () => {
        setTransports(nodeTransports);
        // The "ISO" only has to be a readable file: the VM is not started.
        const iso = await createImage(MARK, "installer");
        form = { ...initialForm(), name: `${MARK}-vm`, sourcePath: iso, pool: POOL, diskGiB: 1, memoryMiB: 64, virtType: "qemu", runAfter: false };
    });
    hooks.afterEach(() => virsh("undefine", "--", `${MARK}-vm`).then(() => undefined, () => undefined));
    hooks.after(async () => {
        reopenConnections(); // the bus connections would keep the test process alive
        await cleanupTestDomains(MARK);
    });

    QUnit.test("each step is told as it begins, and the VM and its disk are made", async assert => {
        const steps: string[] = [];
        await createVm("system", form, await getDomainCapabilities("system", "qemu"), { onProgress: step => steps.push(step) });
        assert.deepEqual(steps, ["Checking the installation source", "Creating the disk", "Defining the virtual machine"]);
        assert.true(await domainExists(form.name), "virsh lists the VM");
        assert.deepEqual(await poolFiles(), ["installer.qcow2", `${form.name}.qcow2`]);
        await virsh("vol-delete", "--pool", POOL, `${form.name}.qcow2`);
    });

    for (const at of ["Creating the disk", "Defining the virtual machine"]) {
        QUnit.test(`cancelled at "${at}": it stops and nothing of it is left`, async assert => {
            const controller = new AbortController();
            const steps: string[] = [];
            const onProgress = (step: string) => {
                steps.push(step);
                if (step === at) controller.abort();
            };
            const error = await createVm("system", form, await getDomainCapabilities("system", "qemu"), { onProgress, signal: controller.signal })
                .then(() => undefined, (e: unknown) => e);
            assert.strictEqual(describeError(error).kind, "cancelled", String(error));
            assert.false(steps.includes("Starting the virtual machine"));
            assert.strictEqual(steps.at(-1), "Removing what was made", "it says it removes what it made");
            assert.false(await domainExists(form.name), "no VM left");
            assert.deepEqual(await poolFiles(), ["installer.qcow2"], "no disk left");
        });
    }
});
