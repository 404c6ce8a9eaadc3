// kvmm as a shell runs it, from this tree's build: its exit code and both outputs, failing or not.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const exec = promisify(execFile);
export const KVMM = "build/kvmm/kvmm";

export interface KvmmResult { code: number; stdout: string; stderr: string }

export async function kvmm(...args: string[]): Promise<KvmmResult> {
    try {
        const { stdout, stderr } = await exec(KVMM, args, { maxBuffer: 64 * 1024 * 1024 });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
}
