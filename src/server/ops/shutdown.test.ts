import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { SHUTDOWN_TIMEOUT_MS, stopOnSignals } from './shutdown.js';

const logger = createLogger('silent');
afterEach(() => {
  vi.useRealTimers();
});

function setup(close: () => Promise<void>) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const server = { close: vi.fn(close) };
  stopOnSignals(server, logger, { signals, exit: (code) => exits.push(code) });
  return { signals, exits, server };
}

describe('stopping serve on a signal', () => {
  it('closes the server once and exits 0, on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const { signals, exits, server } = setup(() => Promise.resolve());
      signals.emit(signal);
      await vi.waitFor(() => expect(exits).toEqual([0]));
      expect(server.close).toHaveBeenCalledTimes(1);
    }
  });

  it('exits 1 at once on a second signal while the shutdown is still running', () => {
    const { signals, exits, server } = setup(() => new Promise(() => undefined));
    signals.emit('SIGTERM');
    expect(exits).toEqual([]);
    signals.emit('SIGINT');
    expect(exits).toEqual([1]);
    expect(server.close).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when the shutdown takes longer than the timeout', () => {
    vi.useFakeTimers();
    const { signals, exits } = setup(() => new Promise(() => undefined));
    signals.emit('SIGTERM');
    vi.advanceTimersByTime(SHUTDOWN_TIMEOUT_MS - 1);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([1]);
  });

  it('exits 1 when closing fails', async () => {
    const { signals, exits } = setup(() => Promise.reject(new Error('disk gone')));
    signals.emit('SIGTERM');
    await vi.waitFor(() => expect(exits).toEqual([1]));
  });
});
