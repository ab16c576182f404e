/**
 * A load balancer for tests with several server nodes: a TCP proxy that sends each new
 * connection to the first node that accepts it, in the order given, as a balancer with health
 * checks does once a node is down. A connection stays with its node (a websocket is one TCP
 * connection), so a node's death ends its clients' connections and their reconnects go to the
 * next node.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Balancer {
  url: string;
  port: number;
  /** How many connections went to each node port. */
  counts: Map<number, number>;
  close(): Promise<void>;
}

export interface BalancerOptions {
  /**
   * Spread new connections over the nodes in turn (each tries the next ones when its node is
   * down); default: always the first node that accepts.
   */
  roundRobin?: boolean;
}

export async function startBalancer(
  nodePorts: readonly number[],
  opts: BalancerOptions = {},
): Promise<Balancer> {
  let turn = 0;
  const counts = new Map<number, number>();
  const open = new Set<Socket>();
  const forward = (client: Socket, start: number, i: number): void => {
    const port = i < nodePorts.length ? nodePorts[(start + i) % nodePorts.length] : undefined;
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      counts.set(port, (counts.get(port) ?? 0) + 1);
      open.add(upstream);
      client.pipe(upstream).pipe(client);
      upstream.once('close', () => {
        open.delete(upstream);
        client.destroy();
      });
      client.once('close', () => upstream.destroy());
      client.resume();
    });
    // Refused: that node is down, try the next one.
    upstream.on('error', () => {
      if (!connected) forward(client, start, i + 1);
      else client.destroy();
    });
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    forward(client, opts.roundRobin ? turn++ % nodePorts.length : 0, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
