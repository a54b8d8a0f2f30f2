import { pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { HashSlots } from './hash-slots';

/**
 * Password hashing. New hashes use scrypt (memory-hard, in node:crypto) and carry their parameters:
 *   scrypt$<logN>$<r>$<p>$<salt b64>$<key b64>
 * Django's `pbkdf2_sha256$<iterations>$<salt>$<key b64>` hashes, copied from the legacy database, also verify;
 * `needsRehash` tells the login flow to replace them (and outdated scrypt costs) with a current hash.
 * The server passes its runtime's HashSlots, so that only a few hashes occupy the thread pool at once.
 */
const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 3;

function scryptAsync(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  // scrypt needs 128 * N * r bytes per lane; allow that plus headroom instead of Node's 32 MiB default.
  const maxmem = 128 * N * r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function pbkdf2Async(password: string, salt: string, iterations: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, length, 'sha256', (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, logN: number, slots?: HashSlots): Promise<string> {
  const salt = randomBytes(16);
  const derive = () => scryptAsync(password, salt, logN, BLOCK_SIZE, PARALLELISM);
  const key = await (slots ? slots.run(derive) : derive());
  return ['scrypt', logN, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string, slots?: HashSlots): Promise<boolean> {
  return slots ? slots.run(() => verifyNow(password, stored)) : verifyNow(password, stored);
}

async function verifyNow(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts[0] === 'scrypt' && parts.length === 6) {
    const [, logN, r, p, salt, key] = parts;
    const expected = Buffer.from(key ?? '', 'base64');
    const actual = await scryptAsync(
      password,
      Buffer.from(salt ?? '', 'base64'),
      Number(logN),
      Number(r),
      Number(p),
    );
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  if (parts[0] === 'pbkdf2_sha256' && parts.length === 4) {
    const [, iterations, salt, key] = parts;
    const expected = Buffer.from(key ?? '', 'base64');
    const rounds = Number(iterations);
    if (!Number.isInteger(rounds) || rounds < 1 || expected.length === 0) return false;
    const actual = await pbkdf2Async(password, salt ?? '', rounds, expected.length);
    return timingSafeEqual(expected, actual);
  }
  // Django's unusable passwords start with "!"; anything unknown never verifies.
  return false;
}

export function needsRehash(stored: string, logN: number): boolean {
  const parts = stored.split('$');
  return !(parts[0] === 'scrypt' && Number(parts[1]) >= logN);
}

/**
 * A hash of no real password per cost setting, made once per process (the runtime's `dummyHashes`): checking a
 * login against it spends the same work as a real check, so "no such user" and "wrong password" take equally long.
 */
export class DummyHashes {
  private readonly byLogN = new Map<number, Promise<string>>();

  constructor(private readonly slots?: HashSlots) {}

  async burnCheck(password: string, logN: number): Promise<void> {
    let hash = this.byLogN.get(logN);
    if (!hash) {
      hash = hashPassword('not-a-real-password', logN, this.slots);
      this.byLogN.set(logN, hash);
    }
    await verifyPassword(password, await hash, this.slots);
  }
}
