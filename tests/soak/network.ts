/**
 * The kiosk's network, as a cable the soak can pull: a TCP relay on loopback between the page
 * and the server. `cut()` ends every connection through it at once (the page's WebSocket sees
 * its connection close, as when a switch or Wi-Fi goes) and refuses new ones until `restore()`.
 * Chromium's offline emulation alone leaves an open WebSocket running (Playwright issue #4910),
 * so the soak uses both: this for the socket, `context.setOffline` for everything else.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Network {
  /** The address the page uses: the relay's port on loopback. */
  url: string;
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections relayed now. */
  open(): number;
  close(): Promise<void>;
}

export async function startNetwork(target: string): Promise<Network> {
  const to = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  let cut = false;
  const relay = createServer((down) => {
    if (cut) {
      down.destroy();
      return;
    }
    const up = connect(Number(to.port), to.hostname);
    const pair: [Socket, Socket] = [down, up];
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      down.destroy();
      up.destroy();
    };
    for (const s of pair) {
      s.setNoDelay(true);
      s.on('error', end);
      s.on('close', end);
    }
    down.pipe(up);
    up.pipe(down);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const [down, up] of pairs) {
        down.destroy();
        up.destroy();
      }
      pairs.clear();
    },
    restore() {
      cut = false;
    },
    get isCut() {
      return cut;
    },
    open: () => pairs.size,
    close() {
      cut = true;
      for (const [down, up] of pairs) {
        down.destroy();
        up.destroy();
      }
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}
