import { DomainError, invalid } from '../errors';

export const INVALID_BASE64 = 'Invalid base64 media';

/** Standard base64 as `FileReader.readAsDataURL` writes it: the standard alphabet, padded to a multiple of 4. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** `data:<type>[;param…];base64,<payload>`; the declared type is ignored, the bytes decide (see sniff.ts). */
const DATA_URL = /^data:[^,]*;base64,/i;

/**
 * Decodes a legacy media field: plain base64 or a base64 data URL. Strict where the legacy service was lenient
 * (contract §6.1): a character outside the alphabet is an error, never silently dropped, and so are missing padding
 * and a non-canonical encoding. Line breaks and spaces (MIME-wrapped base64) are the only characters ignored. The size
 * is checked from the text's length before anything is decoded.
 */
export function decodeBase64Media(value: string, maxBytes: number): Buffer {
  const payload = DATA_URL.test(value) ? value.slice(value.indexOf(',') + 1) : value;
  const text = payload.replace(/[\r\n\t ]/g, '');
  if (text === '') throw invalid('Media is empty');
  // Padding is required, as the legacy decoder required it ("Incorrect padding").
  if (!BASE64.test(text) || text.length % 4 !== 0) throw invalid(INVALID_BASE64);
  const unpadded = text.replace(/=+$/, '');
  if (Math.floor((unpadded.length * 3) / 4) > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(unpadded, 'base64');
  // Non-zero bits in the last character's unused part are decoded differently by different decoders: refuse them.
  if (bytes.toString('base64').replace(/=+$/, '') !== unpadded) throw invalid(INVALID_BASE64);
  return bytes;
}

export function tooLarge(maxBytes: number): DomainError {
  return new DomainError('too_large', `Media is larger than the limit of ${maxBytes} bytes`);
}
