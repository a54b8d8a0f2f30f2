import sharp, { type Sharp } from 'sharp';
import { DomainError, invalid } from '../errors';
import type { SniffedType } from './sniff';

/** Stored message images fit in this box (larger ones are scaled down, never up). */
const MAX_SIDE = 2560;
const THUMB_SIDE = 320;
const PROFILE_SIDE = 512;
const PROFILE_THUMB_SIDE = 128;

export interface EncodedImage {
  data: Buffer;
  mime: string;
  ext: string;
  width: number;
  height: number;
}

export interface ProcessedImage {
  main: EncodedImage;
  thumb: EncodedImage;
}

/**
 * Decodes and re-encodes an image. Re-encoding drops every piece of metadata (EXIF with GPS, XMP, comments) since
 * sharp writes none unless asked; `.rotate()` first applies the EXIF orientation the pixels would otherwise lose.
 * Input beyond `maxPixels` is refused by libvips before decoding (decompression bombs). Message images keep their
 * format (a GIF stays animated); profile pictures become a centred square of one frame; thumbnails are WebP.
 */
export async function processImage(
  bytes: Buffer,
  type: SniffedType,
  purpose: 'message' | 'profile',
  maxPixels: number,
): Promise<ProcessedImage> {
  const animated = purpose === 'message' && type.ext === 'gif';
  const input = () => sharp(bytes, { limitInputPixels: maxPixels, animated }).rotate();
  try {
    const side = purpose === 'profile' ? PROFILE_SIDE : MAX_SIDE;
    const fit = purpose === 'profile' ? 'cover' : 'inside';
    const main = await encode(
      input().resize(side, side, { fit, withoutEnlargement: purpose === 'message' }),
      purpose === 'profile' && type.ext === 'gif' ? 'png' : type.ext,
    );
    const thumbSide = purpose === 'profile' ? PROFILE_THUMB_SIDE : THUMB_SIDE;
    const thumb = await encode(
      sharp(bytes, { limitInputPixels: maxPixels })
        .rotate()
        .resize(thumbSide, thumbSide, { fit, withoutEnlargement: purpose === 'message' }),
      'webp',
    );
    return { main, thumb };
  } catch (error) {
    throw imageError(error, maxPixels);
  }
}

type ImageExt = 'jpg' | 'png' | 'gif' | 'webp';

const ENCODERS: Record<ImageExt, { mime: string; apply: (image: Sharp) => Sharp }> = {
  jpg: { mime: 'image/jpeg', apply: (image) => image.jpeg({ quality: 85, mozjpeg: true }) },
  png: { mime: 'image/png', apply: (image) => image.png() },
  gif: { mime: 'image/gif', apply: (image) => image.gif() },
  webp: { mime: 'image/webp', apply: (image) => image.webp({ quality: 82 }) },
};

async function encode(image: Sharp, ext: string): Promise<EncodedImage> {
  const format = ext in ENCODERS ? (ext as ImageExt) : 'webp';
  const { mime, apply } = ENCODERS[format];
  const { data, info } = await apply(image).toBuffer({ resolveWithObject: true });
  // An animated GIF's `height` is the whole strip of frames; one frame is `pageHeight` high.
  return { data, mime, ext: format, width: info.width, height: info.pageHeight ?? info.height };
}

function imageError(error: unknown, maxPixels: number): Error {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new DomainError('too_large', `Image is larger than the limit of ${maxPixels} pixels`);
  }
  return invalid('Image could not be decoded');
}
