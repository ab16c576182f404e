/**
 * A client that closes the connection half-way through its request body is no server failure:
 * it is logged at debug level at most, never as an error, and the server answers the next
 * request as usual.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer;
let log: CapturedLog;
beforeAll(async () => {
  log = captureLog('debug');
  t = await startTestServer({ logger: log.logger });
});
afterAll(async () => {
  await t.close();
});

/** Sends the head and part of a body, then resets the connection or half-closes it (FIN). */
function cutOff(path: string, how: 'end' | 'reset'): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(t.server.port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"username":"ann`,
        () => {
          if (how === 'reset') socket.resetAndDestroy();
          else socket.end();
          resolve();
        },
      );
    });
    socket.on('error', () => undefined);
  });
}

const errorsLogged = (): Record<string, unknown>[] =>
  log.lines.filter((l) => typeof l.level === 'number' && l.level >= 40);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('a request body cut off by the client', () => {
  it.each([
    ['/api/login', 'end'],
    ['/api/login', 'reset'],
    ['/api/devices/enrol', 'end'],
    ['/api/devices/enrol', 'reset'],
  ] as const)('to %s (%s) is logged at debug level, not as an error', async (path, how) => {
    const before = log.find(/client aborted/).length;
    await cutOff(path, how);
    await until(() => log.find(/client aborted/).length > before);
    expect(log.find(/client aborted/).length).toBe(before + 1);
    expect(log.find(/client aborted/).at(-1)?.level).toBeLessThanOrEqual(30);
    expect(errorsLogged()).toEqual([]);
    expect(log.find(/http request failed/)).toEqual([]);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
