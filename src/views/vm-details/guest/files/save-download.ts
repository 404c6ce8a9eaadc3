// Hands a downloaded file to the browser's own download (a Blob URL on a clicked link).

/** The browser has the Blob once the click is handled; a minute covers slow "Save as" dialogs. */
const REVOKE_AFTER_MS = 60_000;

export function saveDownload(parts: Uint8Array<ArrayBuffer>[], name: string): void {
    const url = URL.createObjectURL(new Blob(parts));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
