/**
 * The demo's logs: readable lines (pino-pretty) instead of JSON, held back until the human block
 * (admin login, kiosk address) is printed, so that block is the first thing a new user sees. A
 * service keeps JSON lines (src/server/logger.ts); pino-pretty is loaded only here.
 */
import { pino } from 'pino';
import type { Logger } from '../logger.js';

export interface DemoLogger {
  logger: Logger;
  /** Writes the held lines and every later one straight through. */
  release(): void;
}

export async function createDemoLogger(
  level = process.env.LOG_LEVEL ?? 'info',
): Promise<DemoLogger> {
  const { default: pretty } = await import('pino-pretty');
  const out = pretty({
    colorize: process.stdout.isTTY,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    singleLine: true,
  });
  let held: string[] | null = [];
  const gate = {
    write(line: string): void {
      if (held) held.push(line);
      else out.write(line);
    },
  };
  return {
    logger: pino({ level, base: { app: 'citizen-guide' } }, gate),
    release() {
      const lines = held ?? [];
      held = null;
      for (const line of lines) out.write(line);
    },
  };
}
