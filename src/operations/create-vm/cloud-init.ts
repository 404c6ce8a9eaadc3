// The cloud-init choices of the Create VM wizard and the NoCloud documents they become.
// Pure: the YAML is written by the `yaml` library; hashing and the seed image are host work.
import { Document, parseDocument, stringify } from "yaml";

import { _, format } from "../../lib/i18n.ts";

export interface CloudInitForm {
    userName: string;
    /** Clear text while the wizard is open; only its SHA-512 crypt hash reaches the guest. */
    password: string;
    /** One OpenSSH public key a line. */
    sshKeys: string;
    hostname: string;
    /** Replaces the generated user-data when not empty. */
    customUserData: string;
}

export function initialCloudInit(): CloudInitForm {
    return { userName: "", password: "", sshKeys: "", hostname: "", customUserData: "" };
}

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const SSH_KEY = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+[A-Za-z0-9+/]+=*(\s.*)?$/;

export function sshKeyLines(keys: string): string[] {
    return keys.split("\n").map(k => k.trim()).filter(Boolean);
}

/** A host name made from the VM's name, for when the user gives none. */
export function hostnameFor(vmName: string): string {
    const name = vmName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
    return name || "localhost";
}

/** Why a custom user-data document cannot be used, or null. */
export function checkUserData(text: string): string | null {
    if (text.startsWith("#!")) return null;
    if (!/^#cloud-config[ \t]*(\r?\n|$)/.test(text))
        return _("Custom user data must start with the line #cloud-config (a cloud-config document) or with #! (a script).");
    const doc = parseDocument(text);
    const [first] = doc.errors;
    if (first) return format(_("The custom user data is not valid YAML: $0"), first.message);
    const contents = doc.toJS() as unknown;
    if (contents !== null && (typeof contents !== "object" || Array.isArray(contents)))
        return _("The custom user data must be a YAML mapping (keys and values) after #cloud-config.");
    return null;
}

/** Everything wrong with the cloud-init choices, in the user's words. */
export function checkCloudInit(ci: CloudInitForm): string[] {
    const problems: string[] = [];
    if (ci.hostname.trim() !== "" && !HOSTNAME.test(ci.hostname.trim()))
        problems.push(format(_("$0 is not a valid host name."), ci.hostname.trim()));
    if (ci.customUserData.trim() !== "") {
        const problem = checkUserData(ci.customUserData);
        if (problem) problems.push(problem);
        return problems;
    }
    if (!USER_NAME.test(ci.userName)) problems.push(_("Enter a user name: lower-case letters, digits, - and _, starting with a letter."));
    const keys = sshKeyLines(ci.sshKeys);
    const badKey = keys.find(k => !SSH_KEY.test(k));
    if (badKey) problems.push(format(_("This line is not an SSH public key: $0"), badKey.slice(0, 40)));
    if (ci.password === "" && keys.length === 0) problems.push(_("Enter a password or an SSH public key, or the user cannot log in."));
    return problems;
}

export interface UserDataInput {
    userName: string;
    /** A crypt(3) hash, never the password. */
    passwordHash: string | undefined;
    sshKeys: string[];
    hostname: string;
}

/** The generated #cloud-config document: one user, who may use sudo. */
export function buildUserData(input: UserDataInput): string {
    const user: Record<string, unknown> = {
        name: input.userName,
        shell: "/bin/bash",
        // Without a password sudo could never be used: then it asks for none.
        sudo: input.passwordHash ? "ALL=(ALL) ALL" : "ALL=(ALL) NOPASSWD:ALL",
        lock_passwd: !input.passwordHash,
    };
    if (input.passwordHash) user.passwd = input.passwordHash;
    if (input.sshKeys.length > 0) user.ssh_authorized_keys = input.sshKeys;
    const doc = new Document({
        hostname: input.hostname,
        users: [user],
        ssh_pwauth: Boolean(input.passwordHash),
    });
    // cloud-init reads the document only when its first line is exactly this comment.
    doc.commentBefore = "cloud-config";
    return doc.toString();
}

export function buildMetaData(instanceId: string, hostname: string): string {
    return stringify({ "instance-id": instanceId, "local-hostname": hostname });
}
