/**
 * Reads a password for the command line: at a terminal from a prompt that does not echo it
 * (asked twice), otherwise the first line of standard input (`printf '%s\n' "$PW" | … `, a
 * password manager, a provisioning script). Never from the command line, where every user of
 * the machine can read it in the process list and it lands in the shell's history.
 */
import { AccountError } from '../auth/accounts.js';

export interface PasswordIo {
  input: NodeJS.ReadStream | NodeJS.ReadableStream;
  /** Where the prompt goes: standard error, so standard output stays the command's answer. */
  output: NodeJS.WritableStream;
}

const defaultIo = (): PasswordIo => ({ input: process.stdin, output: process.stderr });

const isTty = (input: PasswordIo['input']): input is NodeJS.ReadStream =>
  'isTTY' in input && input.isTTY === true;

export async function readPassword(prompt: string, io: PasswordIo = defaultIo()): Promise<string> {
  if (!isTty(io.input)) return firstLine(io.input);
  const first = await promptHidden(`${prompt}: `, io.input, io.output);
  const again = await promptHidden(`${prompt} again: `, io.input, io.output);
  if (first !== again)
    throw new AccountError('invalid', 'The two passwords differ; nothing changed.');
  return first;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n') || text.length > 10_000) break;
  }
  const line = (text.split('\n')[0] ?? '').replace(/\r$/, '');
  if (line === '')
    throw new AccountError(
      'invalid',
      'No password on standard input: pipe it in (one line), or run the command at a terminal to be asked.',
    );
  return line;
}

/** One line from the terminal in raw mode, echoing nothing; Ctrl-C and Ctrl-D cancel. */
function promptHidden(
  prompt: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
): Promise<string> {
  // Echo off before the prompt shows, so nothing typed after it can appear on the screen.
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err: Error | null): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || (ch === '\u0004' && value === ''))
          return done(new AccountError('invalid', 'Cancelled; nothing changed.'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}
