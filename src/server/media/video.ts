/**
 * What the server does to an uploaded video when ffmpeg is on the machine (Debian's `ffmpeg`
 * package, installed by tests/tools/setup.sh): checks there is a video stream (ffprobe),
 * rewrites the container without its metadata (a phone video carries the place it was filmed
 * and the phone's name) with the index first so Chromium starts playing at once, and takes a
 * poster frame. Without ffmpeg the video is stored as uploaded (its type checked from its first
 * bytes only), with no poster and no size: the upload still works. Always `execFile`, never a
 * shell, and every run has a time limit.
 */
import { execFile } from 'node:child_process';

const RUN_TIMEOUT_MS = 120_000;

interface Run {
  stdout: Buffer;
}

function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { encoding: 'buffer', timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => {
        if (err) reject(new Error(`${cmd} failed: ${err.message}`));
        else resolve({ stdout });
      },
    );
  });
}

let available: Promise<boolean> | null = null;

/** Is ffmpeg (with ffprobe) installed? Asked once per process. */
export function hasFfmpeg(): Promise<boolean> {
  available ??= Promise.all([run('ffmpeg', ['-version']), run('ffprobe', ['-version'])]).then(
    () => true,
    () => false,
  );
  return available;
}

export interface VideoFacts {
  width: number;
  height: number;
  durationS: number | null;
}

/** The first video stream's size, or null when ffprobe finds none (not a playable video). */
export async function probeVideo(file: string): Promise<VideoFacts | null> {
  try {
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height:format=duration',
      '-of',
      'json',
      file,
    ]);
    const info = JSON.parse(stdout.toString('utf8')) as {
      streams?: { width?: number; height?: number }[];
      format?: { duration?: string };
    };
    const s = info.streams?.[0];
    if (!s?.width || !s.height) return null;
    const d = Number(info.format?.duration);
    return { width: s.width, height: s.height, durationS: Number.isFinite(d) ? d : null };
  } catch {
    return null;
  }
}

/**
 * Copies the video and audio streams (no re-encoding) into a fresh container without any
 * metadata. `format` is the container the bytes were sniffed as.
 */
export async function stripVideo(input: string, output: string, format: 'mp4' | 'webm') {
  await run('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-i',
    input,
    '-map',
    '0:v:0',
    '-map',
    '0:a:0?',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-c',
    'copy',
    '-fflags',
    '+bitexact',
    ...(format === 'mp4' ? ['-movflags', '+faststart'] : []),
    '-f',
    format,
    '-y',
    output,
  ]);
}

/** One frame as PNG: a second in (the first frame is often black), else the very first. */
export async function posterFrame(file: string, durationS: number | null): Promise<Buffer | null> {
  const at = durationS !== null && durationS > 2 ? '1' : '0';
  for (const ss of at === '0' ? ['0'] : [at, '0']) {
    try {
      const { stdout } = await run('ffmpeg', [
        '-v',
        'error',
        '-nostdin',
        '-ss',
        ss,
        '-i',
        file,
        '-frames:v',
        '1',
        '-f',
        'image2pipe',
        '-c:v',
        'png',
        '-',
      ]);
      if (stdout.length > 0) return stdout;
    } catch {
      // try the next position
    }
  }
  return null;
}
