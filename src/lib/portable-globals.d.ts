// The globals that both the browser and Node.js (>= 18) provide, as far as the code the page and
// kvmm share uses them (tsconfig.core.json): what is not declared here is browser- or Node-only.
// The page's and kvmm's own builds see the full declarations of their platform instead.

type PortableTimer = { readonly __portableTimer: never } | number;

declare function setTimeout(handler: (...args: never[]) => void, ms?: number): PortableTimer;
declare function clearTimeout(timer: PortableTimer | undefined): void;
declare function setInterval(handler: (...args: never[]) => void, ms?: number): PortableTimer;
declare function clearInterval(timer: PortableTimer | undefined): void;
declare function queueMicrotask(callback: () => void): void;

declare function btoa(data: string): string;

declare class TextEncoder {
    encode(input?: string): Uint8Array;
}

declare class TextDecoder {
    decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare class URL {
    constructor(url: string, base?: string | URL);
    readonly protocol: string;
    readonly hostname: string;
    readonly href: string;
}

declare class AbortSignal {
    readonly aborted: boolean;
    addEventListener(type: "abort", listener: () => void): void;
    removeEventListener(type: "abort", listener: () => void): void;
}

declare class AbortController {
    readonly signal: AbortSignal;
    abort(): void;
}

/** A browser's file (an upload) as the host code sees it: its size and its bytes piece by piece. */
declare class Blob {
    readonly size: number;
    slice(start?: number, end?: number): Blob;
    arrayBuffer(): Promise<ArrayBuffer>;
}
