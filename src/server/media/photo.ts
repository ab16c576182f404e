/**
 * A staff photo made fit for the wall: decoded by sharp (libvips), turned upright by its EXIF
 * orientation, scaled to fit 1920 × 1920 (a wall screen's width; never enlarged), and written
 * out afresh as JPEG (or WebP when it has transparency). Nothing of the original file survives
 * but its pixels: EXIF (GPS position, camera, time), XMP, IPTC and ICC profiles are dropped
 * (sharp keeps no metadata unless asked to; the pixels are converted to sRGB first).
 */
import sharp from 'sharp';

/** Longest side on the wall. */
export const PHOTO_MAX_SIDE = 1920;
/**
 * A decompression bomb guard: a small file that claims a huge canvas is refused before it is
 * decoded (50 megapixels is beyond every phone camera in use in 2026).
 */
export const PHOTO_MAX_PIXELS = 50_000_000;

export interface Photo {
  bytes: Buffer;
  width: number;
  height: number;
  contentType: 'image/jpeg' | 'image/webp';
}

/** Thrown when the bytes look like a picture but cannot be decoded whole. */
export class UnreadablePhoto extends Error {}

export async function processPhoto(input: Uint8Array): Promise<Photo> {
  // failOn 'warning': a truncated or damaged file is refused, not shown half grey on the wall.
  const open = () =>
    sharp(input, { failOn: 'warning', limitInputPixels: PHOTO_MAX_PIXELS, animated: false });
  try {
    const meta = await open().metadata();
    const pipeline = open().rotate().resize({
      width: PHOTO_MAX_SIDE,
      height: PHOTO_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const alpha = meta.hasAlpha === true;
    const out = alpha
      ? pipeline.webp({ quality: 82 })
      : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      width: info.width,
      height: info.height,
      contentType: alpha ? 'image/webp' : 'image/jpeg',
    };
  } catch (err) {
    throw new UnreadablePhoto(err instanceof Error ? err.message : String(err));
  }
}
