/**
 * Which node answered: the `node` label on every `/metrics` series (prom-client's default labels),
 * so that a Prometheus scraping several server nodes of one deployment can tell them apart and
 * sum them. Prometheus's own `instance` label names the address it scraped, which is the proxy's
 * when someone scrapes through it; this one names the process, whatever the way in.
 *
 * The setting is `CITIZEN_GUIDE_NODE_ID` (or the `nodeId` server option); without it the node is
 * `<host name>:<port>`, which is unique on one network and stable across restarts.
 */
import { hostname } from 'node:os';

export const NODE_ID_ENV = 'CITIZEN_GUIDE_NODE_ID';

export const MAX_NODE_ID_LENGTH = 64;

/**
 * Letters, digits and `. _ : -`, starting with a letter or digit: a label value that reads the
 * same in Prometheus, in a dashboard's legend and in a shell, and can never break a query.
 */
const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export class NodeIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeIdError';
  }
}

/**
 * The node id from the option, else the environment; null when neither says one (the server
 * then takes `defaultNodeId(port)` once it listens). Empty is none, as for the metrics token: a
 * template that leaves the variable blank gets the default, not a refusal.
 */
export function nodeIdFrom(
  setting: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const raw = setting ?? env[NODE_ID_ENV] ?? '';
  const id = raw.trim();
  if (id === '') return null;
  if (id.length > MAX_NODE_ID_LENGTH || !NODE_ID.test(id)) {
    // The refused value is shown, shortened and with control characters escaped, so the line
    // stays one line and says what was set.
    const shown = JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
    throw new NodeIdError(
      `${NODE_ID_ENV} must be 1–${MAX_NODE_ID_LENGTH} letters, digits, ".", "_", ":" or "-", ` +
        `starting with a letter or digit (e.g. node-a), not ${shown}.`,
    );
  }
  return id;
}

/** Without a setting: the host name and the port, e.g. `guide-2:8080`. */
export function defaultNodeId(port: number, host = hostname()): string {
  // A host name is letters, digits, '-' and '.'; anything else (a container's odd name) becomes
  // '-' so the default is always a valid label too.
  const name = host.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'node';
  return `${name.slice(0, MAX_NODE_ID_LENGTH - 6)}:${port}`;
}
