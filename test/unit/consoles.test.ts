import QUnit from "qunit";

import { externalCloseProblem } from "../../src/lib/external-channel.ts";
import { parseConsoleDevices, serialConsoleArgv } from "../../src/libvirt/console-devices.ts";
import { parseDomainXml } from "../../src/libvirt/domain-xml.ts";
import { addVncToDomainXml } from "../../src/libvirt/vnc-graphics-xml.ts";
import { KEY_COMBOS, keyStrokes, pressCombo, typeStrokes, untypeable } from "../../src/views/vm-details/consoles/send-keys.ts";
import { vncChannelUrl } from "../../src/views/vm-details/consoles/vnc-url.ts";

const RUNNING = `<domain type='kvm' id='7'>
  <name>web &amp; "db"</name>
  <uuid>8a5402b0-6271-4fc4-bc56-594107d91471</uuid>
  <devices>
    <serial type='pty'><source path='/dev/pts/1'/><target type='isa-serial' port='0'/><alias name='serial0'/></serial>
    <serial type='file'><source path='/tmp/log'/><target type='isa-serial' port='1'/><alias name='serial1'/></serial>
    <console type='pty' tty='/dev/pts/1'><target type='serial' port='0'/><alias name='serial0'/></console>
    <console type='pty' tty='/dev/pts/2'><target type='virtio' port='1'/><alias name='console1'/></console>
    <graphics type='spice' port='5901' autoport='yes'/>
    <graphics type='vnc' port='5900' autoport='yes' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>
  </devices>
</domain>`;

QUnit.module("console devices", () => {
    QUnit.test("a running VM: VNC endpoint, pty consoles once each, domain id", assert => {
        const d = parseConsoleDevices(RUNNING);
        assert.strictEqual(d.domainId, 7);
        assert.deepEqual(d.vnc, { hasPassword: false, endpoint: { kind: "tcp", address: "127.0.0.1", port: 5900 } }, "a wildcard listen address is reached on loopback");
        assert.deepEqual(d.otherGraphics, ["spice"]);
        assert.deepEqual(d.serials.map(s => s.alias), ["serial0", "console1"], "the file serial has no pty, the serial console is serial0 again");
        assert.strictEqual(d.serials[1]?.targetType, "virtio");
    });

    QUnit.test("a shut-off VM has no id and no VNC port; unix sockets and passwords are seen", assert => {
        const off = parseConsoleDevices("<domain type='qemu'><devices><graphics type='vnc' autoport='yes' passwd='x'/></devices></domain>");
        assert.strictEqual(off.domainId, undefined);
        assert.deepEqual(off.vnc, { hasPassword: true });
        assert.deepEqual(off.serials, []);
        const unix = parseConsoleDevices("<domain id='3'><devices><graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics></devices></domain>");
        assert.deepEqual(unix.vnc?.endpoint, { kind: "unix", socket: "/run/vnc.sock" });
        const ipv6 = parseConsoleDevices("<domain id='3'><devices><graphics type='vnc' port='5905' listen='::'/></devices></domain>");
        assert.deepEqual(ipv6.vnc?.endpoint, { kind: "tcp", address: "::1", port: 5905 });
    });

    QUnit.test("junk is refused", assert => {
        assert.throws(() => parseConsoleDevices("<network/>"), /not a domain/);
    });
});

const SAVED = `<domain type='qemu'>
  <name>a &lt;b&gt; &amp; c</name>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://debian.org/debian/12"/>
    </libosinfo:libosinfo>
  </metadata>
  <description>first line
second "quoted" line</description>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><boot dev='cdrom'/></os>
  <!-- a comment -->
  <devices>
    <disk type='file' device='disk'><source file='/a b.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <controller type='usb' model='none'/>
    <disk type='file' device='cdrom'><source file='/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
  </devices>
</domain>`;

QUnit.module("adding a VNC display", () => {
    QUnit.test("graphics and a video device are added; everything else stays", assert => {
        const out = addVncToDomainXml(SAVED);
        const before = parseDomainXml(SAVED);
        const after = parseDomainXml(out);
        assert.deepEqual(after.graphics, [{ type: "vnc", autoport: true, listen: "127.0.0.1", hasPassword: false }]);
        assert.true(/<video>\s*<model type="vga"\/>\s*<\/video>/.test(out), out);
        assert.deepEqual({ ...after, graphics: [] }, { ...before, graphics: [] }, "name, OS, boot order, disks, description unchanged");
        assert.strictEqual(after.name, "a <b> & c");
        assert.true(out.indexOf("vda") < out.indexOf("usb") && out.indexOf("usb") < out.indexOf("sda"), "device order kept");
        assert.true(out.includes("<!-- a comment -->"), "comments kept");
        assert.true(out.includes("xmlns:libosinfo=\"http://libosinfo.org/xmlns/libvirt/domain/1.0\""), "namespaces kept");
    });

    QUnit.test("an existing video device is kept, an existing VNC display refused", assert => {
        const withVideo = SAVED.replace("</devices>", "<video><model type='virtio'/></video></devices>");
        const out = addVncToDomainXml(withVideo);
        assert.strictEqual(out.split("<video>").length - 1, 1, "no second video device");
        assert.throws(() => addVncToDomainXml(out), /already has a VNC display/);
        assert.throws(() => addVncToDomainXml("<network/>"), /not a domain/);
    });
});

QUnit.module("console channels", () => {
    QUnit.test("the VNC WebSocket URL is an external channel of the page's host", assert => {
        const transport = { uri: (suffix?: string) => `ws://h:9090/cockpit/${suffix ?? "socket"}`, csrf_token: "tok", host: "server2" };
        const url = vncChannelUrl(transport, { kind: "tcp", address: "127.0.0.1", port: 5901 });
        const [base, query] = url.split("?");
        assert.strictEqual(base, "ws://h:9090/cockpit/channel/tok");
        assert.deepEqual(JSON.parse(atob(query ?? "")), { payload: "stream", binary: "raw", address: "127.0.0.1", port: 5901, host: "server2" });
        const unix = vncChannelUrl({ ...transport, host: "" }, { kind: "unix", socket: "/run/v.sock" });
        assert.deepEqual(JSON.parse(atob(unix.split("?")[1] ?? "")), { payload: "stream", binary: "raw", unix: "/run/v.sock", superuser: "try" });
    });

    QUnit.test("an external channel's failure is read from its WebSocket close", assert => {
        assert.strictEqual(externalCloseProblem(1001, "access-denied"), "access-denied", "cockpit-ws: 1001 with the problem code");
        assert.strictEqual(externalCloseProblem(1001, ""), undefined);
        assert.strictEqual(externalCloseProblem(1000, ""), undefined, "a normal close is no problem");
        assert.strictEqual(externalCloseProblem(1006, ""), undefined, "an abnormal close carries no code");
    });

    QUnit.test("virsh console names the VM by UUID and the device by alias", assert => {
        assert.deepEqual(serialConsoleArgv("system", "u-1"), ["virsh", "-c", "qemu:///system", "console", "--force", "u-1"]);
        assert.deepEqual(serialConsoleArgv("session", "u-1", "console1"),
                         ["virsh", "-c", "qemu:///session", "console", "--force", "u-1", "--devname", "console1"]);
    });

    QUnit.test("key combinations press in order and release in reverse", assert => {
        const events: string[] = [];
        const sender = { sendKey: (keysym: number, code: string | null, down?: boolean) => events.push(`${code ?? "?"}:${keysym.toString(16)}:${down ? "down" : "up"}`) };
        const cad = KEY_COMBOS.find(c => c.id === "ctrl-alt-del");
        if (!cad) throw new Error("no Ctrl+Alt+Del");
        pressCombo(sender, cad);
        assert.deepEqual(events, ["ControlLeft:ffe3:down", "AltLeft:ffe9:down", "Delete:ffff:down", "Delete:ffff:up", "AltLeft:ffe9:up", "ControlLeft:ffe3:up"]);
        assert.deepEqual(KEY_COMBOS.find(c => c.id === "ctrl-alt-f12")?.keys[2], { keysym: 0xffc9, code: "F12" });
        assert.deepEqual(KEY_COMBOS.find(c => c.id === "ctrl-alt-backspace")?.keys[2], { keysym: 0xff08, code: "Backspace" });
        assert.strictEqual(KEY_COMBOS.length, 15, "Ctrl+Alt+Del, Ctrl+Alt+F1…F12, Ctrl+Alt+Backspace, PrintScreen");
    });

    QUnit.test("text is typed as on a US keyboard: Shift for upper case and shifted symbols", async assert => {
        const events: string[] = [];
        const sender = { sendKey: (keysym: number, code: string | null, down?: boolean) => events.push(`${code ?? "?"}:${keysym.toString(16)}:${down ? "down" : "up"}`) };
        await typeStrokes(sender, keyStrokes("aB1!\"", true), 0);
        assert.deepEqual(events, [
            "KeyA:61:down", "KeyA:61:up",
            "ShiftLeft:ffe1:down", "KeyB:42:down", "KeyB:42:up", "ShiftLeft:ffe1:up",
            "Digit1:31:down", "Digit1:31:up",
            "ShiftLeft:ffe1:down", "Digit1:21:down", "Digit1:21:up", "ShiftLeft:ffe1:up",
            "ShiftLeft:ffe1:down", "Quote:22:down", "Quote:22:up", "ShiftLeft:ffe1:up",
            "Enter:ff0d:down", "Enter:ff0d:up",
        ]);
        assert.deepEqual(keyStrokes("~|? ", false).map(s => s.keys.map(k => k.code)),
                         [["ShiftLeft", "Backquote"], ["ShiftLeft", "Backslash"], ["ShiftLeft", "Slash"], ["Space"]]);
    });

    QUnit.test("characters without a US key are named, each once", assert => {
        assert.deepEqual(untypeable("Grüße\t€ü 👍🏽"), ["ü", "ß", "\t", "€", "👍🏽"], "an emoji with its skin tone is one character");
        assert.deepEqual(untypeable("P@ss w0rd_#{}<>"), [], "ASCII symbols and space can all be typed");
        assert.deepEqual(keyStrokes("é", false), [], "nothing is typed for them");
    });
});
