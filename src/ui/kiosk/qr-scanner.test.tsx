// @vitest-environment jsdom
/**
 * "Skan koden" on the kiosk's enrol form (issue 12: "or scan the QR code from the staff admin
 * with a camera where one exists"): the button only where a camera exists, a found code enrols
 * the kiosk as a typed one does, the camera stops on Tilbage and on idle, and a QR code of
 * something else is answered calmly. The detector and the camera are fakes; the real decoder
 * is tested in qr-decoder.test.ts.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.js';
import { EnrolForm } from './enrol-form.js';
import { enrolText } from './enrol-words.js';
import type { CameraDeps } from './qr-scan.js';
import { QrScanner } from './qr-scanner.js';
import { createI18n } from './i18n/index.js';
import { defaultSettings } from './settings.js';
import { fakeSpeech } from './test-support/render-kiosk.js';

interface FakeCamera {
  deps: CameraDeps;
  /** What the detector sees next (one text a look; [] = nothing). */
  show(texts: string[]): void;
  stopped: () => boolean;
  asked: MediaStreamConstraints[];
}

function fakeCamera(kinds: string[] = ['videoinput'], refuse = false): FakeCamera {
  let seen: string[] = [];
  let stopped = false;
  const asked: MediaStreamConstraints[] = [];
  const track = { stop: () => (stopped = true) };
  const stream = { getTracks: () => [track] } as unknown as MediaStream;
  return {
    deps: {
      devices: {
        enumerateDevices: () => Promise.resolve(kinds.map((kind) => ({ kind }))),
        getUserMedia: (c) => {
          asked.push(c);
          return refuse ? Promise.reject(new Error('NotAllowedError')) : Promise.resolve(stream);
        },
      },
      loadDetector: () =>
        Promise.resolve({ detect: () => Promise.resolve(seen.map((rawValue) => ({ rawValue }))) }),
    },
    show: (texts) => (seen = texts),
    stopped: () => stopped,
    asked,
  };
}

const da = enrolText('da');

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('Skan koden on the enrol form', () => {
  it('is offered only where the browser lists a camera', async () => {
    const { unmount } = render(
      <EnrolForm words={da} onCode={() => {}} camera={fakeCamera(['audioinput']).deps} />,
    );
    await act(() => Promise.resolve());
    expect(screen.queryByRole('button', { name: 'Skan koden' })).toBeNull();
    unmount();
    render(<EnrolForm words={da} onCode={() => {}} camera={null} />);
    expect(screen.queryByRole('button', { name: 'Skan koden' })).toBeNull();
    cleanup();
    render(<EnrolForm words={da} onCode={() => {}} camera={fakeCamera().deps} />);
    expect(await screen.findByRole('button', { name: 'Skan koden' })).toBeTruthy();
  });

  it('enrols with the code in the staff admin address, and the camera stops', async () => {
    const cam = fakeCamera();
    const onCode = vi.fn();
    render(<EnrolForm words={da} onCode={onCode} camera={cam.deps} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Skan koden' }));
    expect(screen.getByText('Hold koden fra personalets skærm foran kameraet.')).toBeTruthy();
    cam.show(['https://centre.example/kiosk/#enrol=abcde-fghjk']);
    await vi.waitFor(() => expect(onCode).toHaveBeenCalledWith('ABCDE-FGHJK'));
    expect(onCode).toHaveBeenCalledTimes(1);
    expect(cam.stopped()).toBe(true);
    // Video only: nothing on a wall screen records sound.
    expect(cam.asked[0]?.audio).toBe(false);
    // Back on the form (the app shows "Skærmen tilmeldes" from here, as for a typed code).
    expect(screen.getByLabelText('Kode til skærmen')).toBeTruthy();
  });

  it('takes a bare code too', async () => {
    const cam = fakeCamera();
    const onCode = vi.fn();
    render(
      <QrScanner words={da} camera={cam.deps} onCode={onCode} onClose={() => {}} everyMs={5} />,
    );
    cam.show(['WXYZA-BCDEF']);
    await vi.waitFor(() => expect(onCode).toHaveBeenCalledWith('WXYZA-BCDEF'));
  });

  it('says calmly that a QR code of something else is not a code, and keeps looking', async () => {
    const cam = fakeCamera();
    const onCode = vi.fn();
    render(
      <QrScanner words={da} camera={cam.deps} onCode={onCode} onClose={() => {}} everyMs={5} />,
    );
    cam.show(['https://menu.example/today']);
    expect(
      await screen.findByText('Det er ikke en kode til skærmen. Vis koden fra personalets side.'),
    ).toBeTruthy();
    expect(cam.stopped()).toBe(false);
    cam.show(['https://centre.example/kiosk/#enrol=ABCDE-FGHJK']);
    await vi.waitFor(() => expect(onCode).toHaveBeenCalledWith('ABCDE-FGHJK'));
  });

  it('stops the camera on Tilbage and shows the code field again', async () => {
    const cam = fakeCamera();
    render(<EnrolForm words={da} onCode={() => {}} camera={cam.deps} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Skan koden' }));
    await vi.waitFor(() => expect(cam.asked).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Tilbage' }));
    expect(cam.stopped()).toBe(true);
    expect(screen.getByLabelText('Kode til skærmen')).toBeTruthy();
  });

  it('stops the camera by itself when no code comes (idle)', async () => {
    const cam = fakeCamera();
    const onClose = vi.fn();
    render(
      <QrScanner words={da} camera={cam.deps} onCode={() => {}} onClose={onClose} idleMs={30} />,
    );
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(cam.stopped()).toBe(true);
  });

  it('says the camera cannot be used when it is refused, in English too', async () => {
    const cam = fakeCamera(['videoinput'], true);
    render(
      <QrScanner words={enrolText('en')} camera={cam.deps} onCode={() => {}} onClose={() => {}} />,
    );
    expect(
      await screen.findByText('The camera cannot be used. Type the code instead.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Back' })).toBeTruthy();
  });
});

describe('Skan koden in the kiosk page', () => {
  it('enrols the kiosk with the browser camera and its native BarcodeDetector', async () => {
    const cam = fakeCamera();
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: cam.deps.devices });
    vi.stubGlobal(
      'BarcodeDetector',
      class {
        static getSupportedFormats = () => Promise.resolve(['qr_code', 'ean_13']);
        detect = () =>
          Promise.resolve([{ rawValue: 'http://10.0.0.2:8080/kiosk/#enrol=ABCDE-FGHJK' }]);
      },
    );
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init?: RequestInit) => {
        sent.push((JSON.parse(init?.body as string) as { code: string }).code);
        const body = { token: 't-qr', deviceId: 'd', name: 'K' };
        return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
      }),
    );
    render(
      <App
        enrolCode={null}
        settings={defaultSettings}
        speaker={fakeSpeech().speaker}
        i18n={createI18n('da')}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Skan koden' }));
    await vi.waitFor(() => expect(localStorage.getItem('citizen-guide.kiosk-token')).toBe('t-qr'));
    expect(sent).toEqual(['ABCDE-FGHJK']);
    expect(cam.stopped()).toBe(true);
  });
});
