// Typings for the parts of noVNC's RFB client we use (the package ships none).
declare module "@novnc/novnc" {
    export interface RfbCredentials {
        username?: string;
        password?: string;
        target?: string;
    }

    export interface RfbOptions {
        shared?: boolean;
        credentials?: RfbCredentials;
        wsProtocols?: string[];
    }

    export interface RfbEventMap {
        connect: CustomEvent<Record<string, never>>;
        disconnect: CustomEvent<{ clean: boolean }>;
        credentialsrequired: CustomEvent<{ types: string[] }>;
        securityfailure: CustomEvent<{ status: number; reason?: string }>;
        desktopname: CustomEvent<{ name: string }>;
    }

    export default class RFB extends EventTarget {
        constructor(target: HTMLElement, urlOrChannel: string | WebSocket, options?: RfbOptions);
        scaleViewport: boolean;
        clipViewport: boolean;
        resizeSession: boolean;
        viewOnly: boolean;
        focusOnClick: boolean;
        background: string;
        disconnect(): void;
        sendCredentials(credentials: RfbCredentials): void;
        sendKey(keysym: number, code: string | null, down?: boolean): void;
        sendCtrlAltDel(): void;
        focus(options?: FocusOptions): void;
        blur(): void;
        getImageData(): ImageData;
        addEventListener<K extends keyof RfbEventMap>(type: K, listener: (event: RfbEventMap[K]) => void): void;
        removeEventListener<K extends keyof RfbEventMap>(type: K, listener: (event: RfbEventMap[K]) => void): void;
    }
}
