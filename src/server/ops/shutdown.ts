/**
 * Graceful shutdown of `serve` on SIGTERM (systemd's stop) and SIGINT (Ctrl-C): the server takes
 * no new connections or mutations, answers those already queued once they have committed,
 * closes the sockets and the store, and the process exits 0. A kiosk whose mutation was not
 * answered keeps it in its outbox and sends it again to the next server, so nothing a kiosk was
 * told is stored can be lost. A second signal, or a shutdown taking longer than `timeoutMs`,
 * exits at once with 1 (SQLite's WAL keeps every committed transaction either way).
 */
import type { Logger } from '../logger.js';

export const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface Closable {
  close(): Promise<void>;
}

export interface StopOptions {
  timeoutMs?: number;
  /** Where signals come from (the process; a test passes an EventEmitter). */
  signals?: Pick<NodeJS.EventEmitter, 'on'>;
  exit?: (code: number) => void;
}

export function stopOnSignals(server: Closable, logger: Logger, opts: StopOptions = {}): void {
  const signals = opts.signals ?? process;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = opts.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      return exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: answering the mutations in flight, then closing');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long: exiting without finishing');
      exit(1);
    }, timeoutMs);
    timer.unref();
    server.close().then(
      () => {
        clearTimeout(timer);
        logger.info('server stopped');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  signals.on('SIGTERM', () => stop('SIGTERM'));
  signals.on('SIGINT', () => stop('SIGINT'));
}
