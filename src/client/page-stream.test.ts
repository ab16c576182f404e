import { describe, expect, it } from 'vitest';
import type { PullResult } from '../protocol/index.js';
import { PageStream } from './page-stream.js';

/** A server of `pages` pages of `size` changes each, answering each ask when told to. */
function server(pages: number, size: number) {
  const asked: number[] = [];
  const waiting: (() => void)[] = [];
  const ask = (since: number): Promise<unknown> => {
    asked.push(since);
    const n = since / size;
    const res: PullResult = {
      changes: Array.from({ length: size }, (_, i) => ({
        seq: since + i + 1,
        type: 'news',
        id: `n${since + i + 1}`,
        op: 'del',
      })),
      cursor: since + size,
      more: n + 1 < pages,
      view: 'v',
    };
    return new Promise((resolve) => waiting.push(() => resolve(res)));
  };
  const answer = async (count = 1): Promise<void> => {
    for (let i = 0; i < count; i++) {
      waiting.shift()?.();
      // Let the stream see the answer and ask for the next page.
      await new Promise((r) => setImmediate(r));
    }
  };
  return { ask, asked, answer };
}

describe('PageStream', () => {
  it('asks for the next page as soon as one comes, and hands over every page that has come', async () => {
    const s = server(5, 10);
    const stream = new PageStream(s.ask, 0, () => true, 1000);
    await s.answer(3);
    expect(s.asked).toEqual([0, 10, 20, 30]);
    const first = await stream.take();
    expect(first.map((p) => p.cursor)).toEqual([10, 20, 30]);
    await s.answer(2);
    const rest = await stream.take();
    expect(rest.map((p) => [p.cursor, p.more])).toEqual([
      [40, true],
      [50, false],
    ]);
    // The last page said no more: nothing else is asked for.
    expect(s.asked).toEqual([0, 10, 20, 30, 40]);
    expect(await stream.take()).toEqual([]);
  });

  it('runs ahead of the writer by a bounded number of changes', async () => {
    const s = server(100, 10);
    const stream = new PageStream(s.ask, 0, () => true, 30);
    await s.answer(10);
    // 30 changes buffered: it stops asking until they are taken.
    expect(s.asked).toEqual([0, 10, 20]);
    expect((await stream.take()).length).toBe(3);
    expect(s.asked).toEqual([0, 10, 20, 30]);
    stream.stop();
  });

  it('hands over the pages before a failure, then the failure', async () => {
    let calls = 0;
    const stream = new PageStream(
      (since) =>
        ++calls === 1
          ? Promise.resolve({ changes: [], cursor: since + 1, more: true, view: 'v' })
          : Promise.reject(new Error('timed out')),
      0,
      () => true,
      1000,
    );
    expect((await stream.take()).map((p) => p.cursor)).toEqual([1]);
    await expect(stream.take()).rejects.toThrow('timed out');
  });

  it('refuses an answer that is no page, and answers nothing when it cannot ask', async () => {
    const refused = new PageStream(
      () => Promise.resolve({ status: 'rejected', code: 'invalid', message: 'no' }),
      0,
      () => true,
      1000,
    );
    await expect(refused.take()).rejects.toThrow('pull refused');
    const offline = new PageStream(
      () => Promise.reject(new Error('never')),
      0,
      () => false,
      1000,
    );
    expect(await offline.take()).toEqual([]);
  });

  it('drops what comes after it was stopped', async () => {
    const s = server(5, 10);
    const stream = new PageStream(s.ask, 0, () => true, 1000);
    stream.stop();
    await s.answer(1);
    expect(await stream.take()).toEqual([]);
    expect(s.asked).toEqual([0]);
  });
});
