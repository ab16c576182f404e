/** A real pino logger whose JSON lines a test can read back (to check what is, and isn't, logged). */
import { pino } from 'pino';
import type { Logger } from '../../src/server/logger.js';

export interface CapturedLog {
  logger: Logger;
  /** Every line logged so far, parsed. */
  lines: Record<string, unknown>[];
  /** The lines whose `msg` matches. */
  find(msg: RegExp): Record<string, unknown>[];
}

export function captureLog(level = 'debug'): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level, base: { app: 'citizen-guide' } },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return {
    logger,
    lines,
    find: (msg) => lines.filter((l) => typeof l.msg === 'string' && msg.test(l.msg)),
  };
}
