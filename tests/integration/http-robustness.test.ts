/**
 * DESIGN.md, failure case 15: any HTTP request of any shape, to any path (the socket path
 * included), from anyone, is answered or refused, and the server process never exits. The server
 * runs as its own process (the CLI's `serve`), so a crash shows as an exit, not as a test error.
 */
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  killAllServers,
  spawnServer,
  type ChildServer,
} from '../helpers/child-server.js';
import { freshDataDir } from '../helpers/test-server.js';

let child: ChildServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = freshDataDir();
  child = await spawnServer(dataDir, await freePort());
});
afterAll(async () => {
  await killAllServers();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends raw bytes and resolves with whatever comes back before the server closes (or 2 s). */
function raw(bytes: string | Buffer, opts: { endAfterWrite?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(child.port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes, () => {
      if (opts.endAfterWrite) socket.end();
    });
  });
}

async function expectUp(): Promise<void> {
  expect(child.process.exitCode, child.output()).toBeNull();
  expect(child.process.signalCode).toBeNull();
  const res = await fetch(`${child.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
}

describe('any request to the socket path', () => {
  const requests: [string, string, string][] = [
    ['GET', '/socket.io/', ''],
    ['GET', '/socket.io/?EIO=4&transport=polling', ''],
    ['GET', '/socket.io/?EIO=4&transport=polling&t=abc', ''],
    ['GET', '/socket.io/?EIO=3&transport=polling', ''],
    ['GET', '/socket.io/?EIO=4&transport=websocket', ''],
    ['GET', '/socket.io/?EIO=4&transport=polling&sid=nonexistent', ''],
    ['POST', '/socket.io/', 'hello'],
    ['POST', '/socket.io/?EIO=4&transport=polling', '40/sync,{}'],
    ['POST', '/socket.io/?EIO=4&transport=polling&sid=nope', '40/sync,{}'],
    ['OPTIONS', '/socket.io/', ''],
    ['OPTIONS', '/socket.io/?EIO=4&transport=polling', ''],
    ['PUT', '/socket.io/', 'x'],
    ['DELETE', '/socket.io/?EIO=4', ''],
    ['HEAD', '/socket.io/', ''],
    ['GET', '/socket.io/%', ''],
    ['GET', '/socket.io/?%zz=%', ''],
  ];
  it.each(requests)('%s %s gets one answer and the server stays up', async (method, path, body) => {
    const res = await fetch(`${child.url}${path}`, {
      method,
      ...(body ? { body } : {}),
    });
    expect(res.status).toBeGreaterThanOrEqual(200);
    await res.arrayBuffer();
    await expectUp();
  });

  it('answers an <img src="/socket.io/"> (no query, browser headers)', async () => {
    const res = await fetch(`${child.url}/socket.io/`, {
      headers: { accept: 'image/avif,image/webp,*/*', referer: 'http://example.org/' },
    });
    expect(res.status).toBe(400);
    await expectUp();
  });
});

describe('any request elsewhere', () => {
  it.each([
    ['GET /%'],
    ['GET /kiosk/%'],
    ['GET /kiosk/%E0%A4%A'],
    ['GET /media/%'],
    ['GET /api/speech?text=%&lang=%'],
    ['GET //'],
    ['GET /../../etc/passwd'],
    ['GET *'],
    ['GET http://other.example/healthz'],
    ['BREW /coffee'],
    ['POST /api/login'],
    ['GET /' + 'a'.repeat(10_000)],
  ])('%s is answered and the server stays up', async (line) => {
    const answer = await raw(`${line} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 \d{3}/);
    await expectUp();
  });

  it('refuses huge headers and stays up', async () => {
    const answer = await raw(
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    await expectUp();
  });

  it('survives garbage that is no HTTP at all', async () => {
    await raw(Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 13, 10, 13, 10]));
    await raw('\r\n\r\n\r\n');
    await expectUp();
  });

  it.each(['/api/login', '/api/devices/enrol', '/api/devices', '/api/logout', '/socket.io/'])(
    'survives a body to %s cut off half-way',
    async (path) => {
      await raw(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"username":"a`,
        { endAfterWrite: true },
      );
      await expectUp();
    },
  );

  it('survives a client that sends a chunked body and disappears', async () => {
    await raw(
      `POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"use\r\n`,
      { endAfterWrite: true },
    );
    await expectUp();
  });

  it('answers a malformed escape in a path with 400, not 500', async () => {
    const res = await fetch(`${child.url}/kiosk/%E0%A4%A`);
    expect(res.status).toBe(400);
    await expectUp();
  });
});
