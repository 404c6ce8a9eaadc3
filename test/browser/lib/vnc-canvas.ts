// What the noVNC canvas of the Console tab shows.
import type { Frame } from "puppeteer-core";

/** How many distinct colours the VNC canvas shows (capped: a few prove it is not blank). */
export async function canvasColours(frame: Frame): Promise<number> {
    return frame.$eval("#vnc-screen canvas", c => {
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set<number>();
        for (let i = 0; data && i < data.length && seen.size < 16; i += 4) seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
        return seen.size;
    });
}
