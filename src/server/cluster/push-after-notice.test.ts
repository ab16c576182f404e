import { describe, expect, it } from 'vitest';
import { PushAfterNotice } from './push-after-notice.js';

describe('PushAfterNotice', () => {
  it('sends a push only after what the notice queued for the next tick (pg-pool hands its connection then)', async () => {
    const order: string[] = [];
    const pushes = new PushAfterNotice();
    // As the adapter's pg_notify does: its query gets its connection on the next tick.
    process.nextTick(() => order.push('notice written'));
    pushes.send(() => order.push('push'));
    order.push('commit answered');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['commit answered', 'notice written', 'push']);
  });

  it('keeps the pushes in the order they were given, across turns', async () => {
    const order: number[] = [];
    const pushes = new PushAfterNotice();
    pushes.send(() => order.push(1));
    pushes.send(() => order.push(2));
    await new Promise((r) => setImmediate(r));
    pushes.send(() => order.push(3));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([1, 2, 3]);
  });

  it('sends what is queued at once when flushed (shutdown), and nothing twice', async () => {
    const order: number[] = [];
    const pushes = new PushAfterNotice();
    pushes.send(() => order.push(1));
    pushes.flush();
    expect(order).toEqual([1]);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([1]);
  });
});
