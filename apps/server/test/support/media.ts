import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';

/**
 * Real media files made in the test, never checked in: images from sharp (with EXIF, GPS included, so stripping
 * can be checked), a PCM WAV and a WebM with an Opus audio track, each built byte by byte.
 */

export const SECRET = 'Secret camera owner';

/** GPS coordinates and identifying tags, the metadata re-encoding must drop. */
const EXIF = {
  IFD0: { Copyright: SECRET, Artist: SECRET, ImageDescription: SECRET },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '48/1 51/1 2400/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '2/1 21/1 300/100',
  },
};

/** A width×height PNG of one colour, carrying EXIF (an eXIf chunk). */
export function pngWithExif(width = 64, height = 48, color = { r: 200, g: 30, b: 30 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .withExif(EXIF)
    .toBuffer();
}

/** A JPEG stored sideways: EXIF orientation 6 (rotate 90° clockwise to display), plus GPS. */
export function jpegWithGps(width = 80, height = 40): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 220 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif(EXIF)
    .toBuffer();
}

/** Whether an EXIF block holds a GPS directory (tag 0x8825, in either byte order). */
export function hasGpsDirectory(exif: Buffer | undefined): boolean {
  return Boolean(
    exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))),
  );
}

/** Half a second of a 440 Hz tone: 8 kHz, 16-bit mono PCM in a RIFF/WAVE container. */
export function wav(seconds = 0.5, frequency = 440): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * 12000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** An EBML element: id bytes, a size (8-byte form, or "unknown"), then the payload. */
function element(id: number[], payload: Buffer | Buffer[], unknownSize = false): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.concat(payload);
  const size = Buffer.alloc(8);
  if (unknownSize) size.fill(0xff, 1).writeUInt8(0x01, 0);
  else {
    size.writeUInt8(0x01, 0);
    size.writeUIntBE(body.length, 2, 6);
  }
  return Buffer.concat([Buffer.from(id), size, body]);
}

const uint = (value: number) => Buffer.from([value]);
const text = (value: string) => Buffer.from(value, 'ascii');

/**
 * A minimal WebM as MediaRecorder writes one: EBML header with DocType "webm", a Segment with Info, one Opus audio
 * track, and a Cluster of silent Opus frames (TOC byte 0xF8: 20 ms, one frame, zero-length = silence).
 */
export function webm(frames = 25): Buffer {
  const header = element(
    [0x1a, 0x45, 0xdf, 0xa3],
    [
      element([0x42, 0x86], uint(1)), // EBMLVersion
      element([0x42, 0xf7], uint(1)), // EBMLReadVersion
      element([0x42, 0xf2], uint(4)), // EBMLMaxIDLength
      element([0x42, 0xf3], uint(8)), // EBMLMaxSizeLength
      element([0x42, 0x82], text('webm')), // DocType
      element([0x42, 0x87], uint(4)), // DocTypeVersion
      element([0x42, 0x85], uint(2)), // DocTypeReadVersion
    ],
  );
  const sampling = Buffer.alloc(8);
  sampling.writeDoubleBE(48000);
  const opusHead = Buffer.concat([
    text('OpusHead'),
    Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]),
  ]);
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    [
      element([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])), // TimecodeScale 1 ms
      element([0x4d, 0x80], text('chatapp-test')), // MuxingApp
      element([0x57, 0x41], text('chatapp-test')), // WritingApp
    ],
  );
  const tracks = element(
    [0x16, 0x54, 0xae, 0x6b],
    [
      element(
        [0xae],
        [
          element([0xd7], uint(1)), // TrackNumber
          element([0x73, 0xc5], uint(1)), // TrackUID
          element([0x83], uint(2)), // TrackType: audio
          element([0x86], text('A_OPUS')), // CodecID
          element([0x63, 0xa2], opusHead), // CodecPrivate
          element([0xe1], [element([0xb5], sampling), element([0x9f], uint(1))]), // Audio: 48 kHz, mono
        ],
      ),
    ],
  );
  const blocks = Array.from({ length: frames }, (_, i) => {
    const timecode = Buffer.alloc(2);
    timecode.writeInt16BE(i * 20);
    return element([0xa3], Buffer.concat([Buffer.from([0x81]), timecode, Buffer.from([0x80, 0xf8])])); // SimpleBlock
  });
  const cluster = element([0x1f, 0x43, 0xb6, 0x75], [element([0xe7], uint(0)), ...blocks]);
  return Buffer.concat([header, element([0x18, 0x53, 0x80, 0x67], [info, tracks, cluster], true)]);
}

/** The `data:` URL a browser's FileReader makes. */
export function dataUrl(bytes: Buffer, mime: string): string {
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

/** A fresh, empty MEDIA_ROOT for one suite. */
export function tempMediaRoot(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'chatapp-media-'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file under a media root, as sorted relative paths (temporary dot-files included). */
export function filesUnder(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}
