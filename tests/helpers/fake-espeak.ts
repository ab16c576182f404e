/**
 * A stand-in for eSpeak NG: a small shell script that answers `--version` and `--voices=…` like
 * the real one, and for a render reads stdin, notes its start and end in a log file (to count
 * renders and see how many ran at once) and writes a tiny valid WAV, or fails, or hangs.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FakeMode = 'ok' | 'fail' | 'hang';

export interface FakeEspeak {
  program: string;
  /** Renders started so far. */
  renders(): number;
  /** The most renders that ran at the same time. */
  maxConcurrent(): number;
  /** What the script read on stdin, one entry per render. */
  texts(): string[];
}

/** A WAV header for 16-bit mono 22,050 Hz audio, and `samples` silent samples. */
export function tinyWav(samples = 50): Buffer {
  const data = samples * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(22050, 24);
  b.writeUInt32LE(44100, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(data, 40);
  return b;
}

export function fakeEspeak(dir: string, mode: FakeMode = 'ok', delaySeconds = 0): FakeEspeak {
  const wav = join(dir, 'tiny.wav');
  const log = join(dir, 'renders.log');
  const texts = join(dir, 'texts.log');
  writeFileSync(wav, tinyWav());
  const render = {
    ok: `sleep ${delaySeconds}\ncat '${wav}'\necho "end $$" >> '${log}'`,
    fail: `echo "end $$" >> '${log}'\necho "Error: the voice exploded" >&2\nexit 1`,
    // exec: the sleep itself is killed at the time-out, not a shell that leaves it holding stdout.
    hang: `exec sleep 30`,
  }[mode];
  const program = join(dir, 'fake-espeak-ng');
  writeFileSync(
    program,
    `#!/bin/sh
case "$1" in
  --version) echo "eSpeak NG text-to-speech: 1.51-fake  Data at: /nowhere"; exit 0 ;;
  --voices=*) echo "Pty Language       Age/Gender VoiceName          File"
              echo " 5  \${1#--voices=}              --/M      Fake               fake/fake"; exit 0 ;;
esac
echo "start $$" >> '${log}'
cat >> '${texts}'
echo "" >> '${texts}'
${render}
`,
  );
  chmodSync(program, 0o755);

  const lines = (): string[] =>
    existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return {
    program,
    renders: () => lines().filter((l) => l.startsWith('start')).length,
    maxConcurrent() {
      let now = 0;
      let max = 0;
      for (const l of lines()) {
        now += l.startsWith('start') ? 1 : -1;
        max = Math.max(max, now);
      }
      return max;
    },
    texts: () => (existsSync(texts) ? readFileSync(texts, 'utf8').split('\n').filter(Boolean) : []),
  };
}
