/**
 * Uploading a photo or video from a staff page: `POST /api/media` (src/protocol/README.md
 * section 2) with the session cookie, by XMLHttpRequest because fetch reports no upload
 * progress. The server checks the type from the bytes and the size; the same limits are checked
 * here first so nobody waits minutes to hear a file is too big.
 */
export interface UploadedMedia {
  hash: string;
  kind: 'image' | 'video';
  contentType: string;
  width?: number;
  height?: number;
  posterHash?: string;
}

/** The server's limits (media/upload.ts), for the message before sending. */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 200 * 1024 * 1024;

/** Why an upload failed, in terms the page has words for. */
export type UploadProblem =
  'too_large' | 'wrong_type' | 'unreadable' | 'signed_out' | 'forbidden' | 'offline' | 'failed';

export class UploadError extends Error {
  constructor(
    readonly problem: UploadProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A first guess from the browser's type, before sending: the server decides from the bytes. */
export function precheck(file: File, accept: 'image' | 'media'): UploadProblem | null {
  const video = file.type.startsWith('video/');
  if (accept === 'image' && video) return 'wrong_type';
  if (file.size === 0) return 'unreadable';
  if (file.size > (video ? VIDEO_MAX_BYTES : PHOTO_MAX_BYTES)) return 'too_large';
  return null;
}

const PROBLEM_BY_STATUS: Record<number, UploadProblem> = {
  400: 'unreadable',
  401: 'signed_out',
  403: 'forbidden',
  413: 'too_large',
  415: 'wrong_type',
};

/** Sends the file; `onProgress` gets 0–1 as bytes leave. */
export function uploadMedia(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/media');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (UploadedMedia & { message?: string }) | null;
      if (xhr.status === 201 && body) return resolve(body);
      reject(
        new UploadError(
          PROBLEM_BY_STATUS[xhr.status] ?? 'failed',
          body?.message ?? `upload failed (${xhr.status})`,
        ),
      );
    };
    xhr.onerror = () => reject(new UploadError('offline', 'no connection'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
