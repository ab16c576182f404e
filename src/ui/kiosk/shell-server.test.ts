import { describe, expect, it } from 'vitest';
import { serverFrom } from './shell-server.js';

describe('the kiosk sync socket’s server', () => {
  it('is the page’s own origin in a browser', () => {
    expect(serverFrom(undefined, 'https://guide.example.dk')).toBe('https://guide.example.dk');
  });

  it('is the server the Electron shell names, for a page served from app://kiosk', () => {
    expect(serverFrom('https://guide.example.dk:8443/', 'app://kiosk')).toBe(
      'https://guide.example.dk:8443',
    );
  });

  it('ignores anything that is not an http(s) address', () => {
    for (const bad of ['javascript:alert(1)', 'not a url', 42, null, { server: 'x' }])
      expect(serverFrom(bad, 'https://own.example')).toBe('https://own.example');
  });
});
