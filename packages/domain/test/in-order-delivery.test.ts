import { describe, expect, it } from 'vitest';
import type { Delivery } from '../src/realtime/fanout';
import { InOrderDelivery } from '../src/realtime/ordering';

const event = (id: number | null): Delivery<string> => ({ id, recipients: [1], event: `e${id}` });

describe('InOrderDelivery', () => {
  it('holds an early id back until the lower ones arrive, and passes ephemeral events at once', () => {
    const delivered: Array<number | null> = [];
    const order = new InOrderDelivery<string>(
      10,
      (d) => delivered.push(d.id),
      async () => null,
      60_000,
    );
    order.push(event(12));
    order.push(event(null));
    order.push(event(11));
    order.push(event(13));
    expect(delivered).toEqual([null, 11, 12, 13]);
    order.close();
  });

  it('reads a missing id back from the journal after the gap wait, and drops its late publish', async () => {
    const delivered: Array<number | null> = [];
    const asked: number[] = [];
    const order = new InOrderDelivery<string>(
      0,
      (d) => delivered.push(d.id),
      async (id) => {
        asked.push(id);
        return event(id);
      },
      20,
    );
    order.push(event(2));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(asked).toEqual([1]);
    expect(delivered).toEqual([1, 2]);
    order.push(event(1));
    expect(delivered).toEqual([1, 2]);
    order.close();
  });

  it('skips an id that no longer exists in the journal', async () => {
    const delivered: Array<number | null> = [];
    const order = new InOrderDelivery<string>(
      0,
      (d) => delivered.push(d.id),
      async () => null,
      20,
    );
    order.push(event(2));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(delivered).toEqual([2]);
    order.close();
  });
});

describe('InOrderDelivery reading back', () => {
  it('reads back every id below the first held one after one gap wait, not one id per wait', async () => {
    const delivered: Array<number | null> = [];
    const order = new InOrderDelivery<string>(
      0,
      (d) => delivered.push(d.id),
      async (id) => event(id),
      50,
    );
    order.push(event(6));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6]);
    order.close();
  });

  it('catches up to the journal after a lost connection, once per event, with no later event needed', async () => {
    const delivered: Array<number | null> = [];
    const order = new InOrderDelivery<string>(
      2,
      (d) => delivered.push(d.id),
      async (id) => event(id),
      60_000,
    );
    order.catchUp(5);
    order.push(event(4)); // its publish got through after all: delivered in order, not twice
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered).toEqual([3, 4, 5]);
    order.push(event(5));
    order.push(event(6));
    expect(delivered).toEqual([3, 4, 5, 6]);
    order.close();
  });
});

describe('InOrderDelivery when the journal cannot be read', () => {
  it('holds later events and reads again, rather than skipping an event for good', async () => {
    const delivered: Array<number | null> = [];
    let failures = 1;
    const order = new InOrderDelivery<string>(
      0,
      (d) => delivered.push(d.id),
      async (id) => {
        if (failures-- > 0) throw new Error('connect ECONNREFUSED');
        return event(id);
      },
      20,
    );
    order.push(event(2));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(delivered).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(delivered).toEqual([1, 2]);
    order.close();
  });
});
