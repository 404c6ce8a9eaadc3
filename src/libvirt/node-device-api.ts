// The host's node devices through libvirt-dbus: PCI and USB devices with their XML.
import { call, CONNECT_IFACE, CONNECT_PATH, type ConnectionId } from "./connection.ts";
import { type HostDevice, parseHostDevice } from "./host-device-xml.ts";

const NODE_DEVICE_IFACE = "org.libvirt.NodeDevice";

/** virConnectListAllNodeDeviceFlags */
const CAP_PCI_DEV = 1 << 1;
const CAP_USB_DEV = 1 << 2;

/** The host's PCI and USB devices, PCI first, each in bus order. */
export async function listHostDevices(conn: ConnectionId): Promise<HostDevice[]> {
    const [paths] = await call<[string[]]>(conn, CONNECT_PATH, CONNECT_IFACE, "ListNodeDevices", [CAP_PCI_DEV | CAP_USB_DEV], "u");
    const devices = await Promise.all(paths.map(async path => {
        const [xml] = await call<[string]>(conn, path, NODE_DEVICE_IFACE, "GetXMLDesc", [0], "u");
        return parseHostDevice(xml);
    }));
    return devices.filter((d): d is HostDevice => d !== undefined)
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.address.localeCompare(b.address));
}
