/**
 * What a stored media blob is, decided from its first bytes only. Blobs have no file name or
 * extension, and nothing a client said when it uploaded one is trusted: the answer is one of a
 * short list of types a browser shows as a picture or plays as a video, or "download it".
 * SVG and HTML are never on the list, since either can carry script.
 */

export interface MediaType {
  /** The Content-Type to serve. */
  contentType: string;
  /** Serve with `Content-Disposition: attachment`: the browser must not render it. */
  attachment: boolean;
}

/** How many leading bytes `sniffMediaType` needs to see. */
export const SNIFF_BYTES = 64;

const UNKNOWN: MediaType = { contentType: 'application/octet-stream', attachment: true };

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  bytes.length >= at + text.length &&
  [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** ISO-BMFF brands that are still pictures (HEIF), not video: never served as video/mp4. */
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

function isoBrand(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(8, 12));
}

export function sniffMediaType(head: Uint8Array): MediaType {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return image('jpeg');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png');
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return image('gif');
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return image('webp');
  if (ascii(head, 4, 'ftyp') && head.length >= 12) {
    const brand = isoBrand(head);
    if (AVIF_BRANDS.has(brand)) return image('avif');
    // Chromium shows no HEIC; as a download it is at least not mistaken for a video.
    if (HEIF_BRANDS.has(brand)) return UNKNOWN;
    return { contentType: 'video/mp4', attachment: false };
  }
  // EBML: WebM (and Matroska, its parent format, which Chromium plays as WebM).
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return { contentType: 'video/webm', attachment: false };
  }
  return UNKNOWN;
}

const image = (subtype: string): MediaType => ({
  contentType: `image/${subtype}`,
  attachment: false,
});
