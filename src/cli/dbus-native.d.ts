// The parts of @homebridge/dbus-native that its own typings leave out.
declare module "@homebridge/dbus-native/lib/signature.js" {
    /** A parsed D-Bus signature: one node per complete type. */
    export interface TypeNode { type: string; child: TypeNode[] }
    export default function parseSignature(signature: string): TypeNode[];
}
