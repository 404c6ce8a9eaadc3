// The XML of a new empty storage volume, raw or qcow2 (overlays: clone-xml.ts overlayVolumeXml).
import { xmlBuilder } from "./xml.ts";

export const VOLUME_FORMATS = ["qcow2", "raw"] as const;
export type VolumeFormat = typeof VOLUME_FORMATS[number];

export interface NewVolume {
    name: string;
    format: VolumeFormat;
    capacity: number;
    /** Allocated as the guest writes (file pools); an LVM pool would make a snapshot volume of it. */
    sparse: boolean;
}

export function newVolumeXml(volume: NewVolume): string {
    return xmlBuilder.build({
        volume: {
            name: volume.name,
            capacity: { "@_unit": "bytes", "#text": String(volume.capacity) },
            ...(volume.sparse ? { allocation: { "@_unit": "bytes", "#text": "0" } } : {}),
            target: { format: { "@_type": volume.format } },
        },
    });
}
