import { schemas } from '@chatapp/api';
import { describe, expect, it } from 'vitest';
import { legacyTime } from '../src/legacy/timestamps';

// The API's time formatting skips Date for speed; it must stay byte-identical to `toISOString` and the legacy
// formats to what Python printed (contract §1.5).

const samples = [
  0,
  1,
  999,
  1_000,
  86_399_999,
  86_400_000,
  951_782_400_000, // 2000-02-29
  1_764_000_000_000,
  1_764_070_167_053,
  1_764_070_167_000,
  4_102_444_799_999,
  253_402_300_799_999, // the last four-digit-year millisecond
  253_402_300_800_000,
  -1,
  -62_198_755_200_000,
];

describe('time formats', () => {
  it('toIso equals toISOString, for every day of years 1970–9999 and at random', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const times = [...samples];
    for (let i = 0; i < 5_000; i++) times.push(Math.floor(random() * 253_402_300_800_000));
    for (let i = 0; i < 5_000; i++) times.push(1_764_070_167_053 + Math.floor(random() * 200_000_000));
    for (let day = 0; day < 2_932_897; day++) times.push(day * 86_400_000 + (day % 86_400_000));
    const wrong = times.filter((time) => schemas.toIso(time) !== new Date(time).toISOString());
    expect(wrong).toEqual([]);
  });

  it('legacy times keep milliseconds as microseconds, dropping a zero fraction', () => {
    expect(legacyTime('2026-11-24T11:09:27.053Z', 'z')).toBe('2026-11-24T11:09:27.053000Z');
    expect(legacyTime('2026-11-24T11:09:27.053Z', 'offset')).toBe('2026-11-24T11:09:27.053000+00:00');
    expect(legacyTime('2026-11-24T11:09:27.000Z', 'z')).toBe('2026-11-24T11:09:27Z');
    expect(legacyTime('2026-11-24T11:09:27.000Z', 'offset')).toBe('2026-11-24T11:09:27+00:00');
    // Other ISO forms are parsed.
    expect(legacyTime('2026-11-24T11:09:27Z', 'z')).toBe('2026-11-24T11:09:27Z');
    expect(legacyTime('2026-11-24T11:09:27.5Z', 'offset')).toBe('2026-11-24T11:09:27.500000+00:00');
  });
});
