/**
 * eSpeak NG as a separate program: finding it, asking what it can do, and rendering one text to
 * WAV. Always `execFile` (never a shell), and the text goes on stdin, so nothing a resident's
 * text contains can become an option or a command.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** A program path as configured, resolved like a shell would (a bare name is looked up on PATH). */
export function locateProgram(program: string, pathEnv = process.env.PATH ?? ''): string | null {
  const candidates = program.includes('/')
    ? [isAbsolute(program) ? program : resolve(program)]
    : pathEnv
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, program));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here: try the next one
    }
  }
  return null;
}

export class RenderError extends Error {}

/** Only what eSpeak needs: no secrets from our environment in a child process. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' };
  // An operator may keep eSpeak's voice data somewhere else.
  if (process.env.ESPEAK_DATA_PATH) env.ESPEAK_DATA_PATH = process.env.ESPEAK_DATA_PATH;
  return env;
}

interface RunOptions {
  stdin?: string;
  timeoutMs: number;
  maxBytes: number;
}

function run(program: string, args: string[], opts: RunOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      program,
      args,
      {
        encoding: 'buffer',
        timeout: opts.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: opts.maxBytes,
        windowsHide: true,
        env: childEnv(),
      },
      (err, stdout, stderr) => {
        if (!err) return resolvePromise(stdout);
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
        const detail = stderr.toString('utf8').trim().slice(0, 300);
        if (e.killed && e.signal === 'SIGKILL' && !e.code)
          return reject(new RenderError(`${program} took longer than ${opts.timeoutMs} ms`));
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return reject(new RenderError(`${program} wrote more than ${opts.maxBytes} bytes`));
        reject(new RenderError(`${program} failed: ${detail || e.message}`));
      },
    );
    // The child may exit before reading all of stdin (a bad voice): that EPIPE is not ours to throw.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.stdin ?? '');
  });
}

export interface ProgramInfo {
  version: string;
  /** The requested languages eSpeak has a voice for. */
  voices: string[];
}

/** Asks the program its version and which of `langs` it has voices for. */
export async function probe(
  program: string,
  langs: readonly string[],
  timeoutMs: number,
): Promise<ProgramInfo> {
  const opts = { timeoutMs, maxBytes: 1024 * 1024 };
  const versionText = (await run(program, ['--version'], opts)).toString('utf8');
  const version = /(\d+\.\d+[\w.+~-]*)/.exec(versionText)?.[1] ?? versionText.trim().slice(0, 80);
  const voices: string[] = [];
  for (const lang of langs) {
    // `--voices=da` lists the voices for Danish under a header line; none means no Danish.
    const list = (await run(program, [`--voices=${lang}`], opts)).toString('utf8');
    if (
      list
        .split('\n')
        .slice(1)
        .some((l) => l.trim() !== '')
    )
      voices.push(lang);
  }
  return { version, voices };
}

export interface RenderRequest {
  voice: string;
  /** Words per minute (eSpeak's default is 175; slower is easier to follow). */
  rate: number;
  text: string;
  timeoutMs: number;
}

/** Largest WAV accepted from one render (600 characters are about 4 MB at 22 kHz, 16 bit). */
const MAX_WAV_BYTES = 32 * 1024 * 1024;

/** Renders `text` to a WAV file's bytes. */
export async function renderWav(program: string, req: RenderRequest): Promise<Buffer> {
  const wav = await run(program, ['-v', req.voice, '-s', String(req.rate), '--stdout'], {
    stdin: req.text,
    timeoutMs: req.timeoutMs,
    maxBytes: MAX_WAV_BYTES,
  });
  if (!isWav(wav)) throw new RenderError(`${program} wrote no WAV audio (${wav.length} bytes)`);
  return fixWavSizes(wav);
}

export const isWav = (b: Buffer): boolean =>
  b.length >= 44 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WAVE';

/**
 * eSpeak writing to a pipe cannot seek back, so it leaves the RIFF and data sizes as 0x7ffff000-ish
 * placeholders. Browsers mostly cope, but some decoders read past the end; the cached file gets
 * the true sizes. Only the plain 44-byte header eSpeak writes ("data" at byte 36) is patched.
 */
export function fixWavSizes(wav: Buffer): Buffer {
  const out = Buffer.from(wav);
  out.writeUInt32LE(out.length - 8, 4);
  if (out.toString('latin1', 36, 40) === 'data') out.writeUInt32LE(out.length - 44, 40);
  return out;
}
