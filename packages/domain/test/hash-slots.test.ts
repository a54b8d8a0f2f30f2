import { describe, expect, it } from 'vitest';
import { HashSlots } from '../src/accounts/hash-slots';
import { hashPassword, verifyPassword } from '../src/accounts/passwords';

describe('HashSlots', () => {
  it('runs at most `concurrency` hashes at once, the rest in arrival order', async () => {
    const slots = new HashSlots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const hash = (i: number) =>
      slots.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
        order.push(i);
      });
    await Promise.all([0, 1, 2, 3, 4, 5].map(hash));
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([2, 3, 4, 5]);
  });

  it('refuses at once (429) when too many are waiting, and frees its slot after a failure', async () => {
    const slots = new HashSlots(1, 1);
    let release = () => {};
    const first = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
    const second = slots.run(async () => 'second');
    await expect(slots.run(async () => 'third')).rejects.toMatchObject({ kind: 'rate_limited' });
    release();
    await first;
    expect(await second).toBe('second');
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'after')).toBe('after');
  });

  it('bounds real scrypt hashes', async () => {
    const slots = new HashSlots(1);
    const hashes = await Promise.all(['a1!Aaaaa', 'b2@Bbbbb'].map((p) => hashPassword(p, 10, slots)));
    expect(await verifyPassword('a1!Aaaaa', hashes[0] ?? '', slots)).toBe(true);
  });
});
