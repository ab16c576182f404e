/**
 * The camera view of the enrol form: a live preview while the decoder looks for the staff
 * admin's QR code. The camera is on only while this is shown: it stops when a code is found, on
 * Tilbage, after `idleMs` with no code (a forgotten scanner must not film the room), and when
 * the form goes away. Video only: nothing on a wall screen records sound.
 */
import { useEffect, useRef, useState } from 'react';
import type { EnrolText } from './enrol-words.js';
import { codeFromScan, type CameraDeps } from './qr-scan.js';

export interface QrScannerProps {
  words: EnrolText;
  camera: CameraDeps;
  onCode: (code: string) => void;
  onClose: () => void;
  /** Time between two looks at the picture. */
  everyMs?: number;
  /** With no code for this long the camera stops and the form comes back. */
  idleMs?: number;
}

type Problem = 'notCode' | 'noCamera' | null;

export function QrScanner({
  words,
  camera,
  onCode,
  onClose,
  everyMs = 250,
  idleMs = 120_000,
}: QrScannerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<Problem>(null);
  // The latest callbacks, so the effect below runs once per scanner and not per render.
  const handlers = useRef({ onCode, onClose });
  handlers.current = { onCode, onClose };

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(idle);
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
      if (video.current) video.current.srcObject = null;
    };
    const idle = setTimeout(() => {
      stop();
      handlers.current.onClose();
    }, idleMs);

    const look = async (detector: Awaited<ReturnType<CameraDeps['loadDetector']>>) => {
      if (stopped || !video.current) return;
      let found: readonly { rawValue: string }[] = [];
      try {
        found = await detector.detect(video.current);
      } catch {
        found = []; // a frame not ready yet: look again
      }
      if (stopped) return;
      const texts = found.map((f) => f.rawValue);
      const code = texts.map(codeFromScan).find((c) => c !== null);
      if (code) {
        stop();
        handlers.current.onCode(code);
        return;
      }
      if (texts.length > 0) setProblem('notCode');
      timer = setTimeout(() => void look(detector), everyMs);
    };

    void (async () => {
      try {
        const media = await camera.devices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        if (stopped) {
          for (const track of media.getTracks()) track.stop();
          return;
        }
        stream = media;
        if (video.current) video.current.srcObject = media;
        const detector = await camera.loadDetector();
        void look(detector);
      } catch {
        if (stopped) return;
        stop();
        setProblem('noCamera');
      }
    })();
    return stop;
  }, [camera, everyMs, idleMs]);

  return (
    <div className="qr-scanner">
      {problem !== 'noCamera' && (
        <>
          <p className="help">{words.scanHelp}</p>
          <video ref={video} className="qr-preview" autoPlay muted playsInline aria-hidden />
        </>
      )}
      {problem && (
        <p className="help" role="status">
          {problem === 'notCode' ? words.scanNotCode : words.scanNoCamera}
        </p>
      )}
      <button type="button" onClick={() => handlers.current.onClose()}>
        {words.scanBack}
      </button>
    </div>
  );
}
