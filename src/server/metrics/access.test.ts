import { describe, expect, it } from 'vitest';
import { isLoopback, metricsAccess, metricsTokenFrom, METRICS_TOKEN_ENV } from './access.js';

const TOKEN = 'a-metrics-token-of-32-characters';

describe('who may read /metrics', () => {
  it('lets this machine in without a token, over IPv4, IPv6 and IPv4-mapped IPv6', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(metricsAccess(ip, {}, null), ip).toEqual({ allowed: true });
    expect(metricsAccess('127.0.0.1', {}, TOKEN)).toEqual({ allowed: true });
  });

  it('refuses another machine without the token, with a wrong one, or with another scheme', () => {
    for (const ip of ['192.168.1.20', '10.0.0.1', '::ffff:192.168.1.20', '128.0.0.1', ''])
      expect(metricsAccess(ip, {}, null)).toMatchObject({ allowed: false, status: 403 });
    expect(
      metricsAccess('192.168.1.20', { authorization: `Bearer ${TOKEN}x` }, TOKEN),
    ).toMatchObject({ allowed: false });
    expect(metricsAccess('192.168.1.20', { authorization: `Basic ${TOKEN}` }, TOKEN)).toMatchObject(
      { allowed: false },
    );
    expect(metricsAccess('192.168.1.20', { authorization: 'Bearer ' }, TOKEN)).toMatchObject({
      allowed: false,
    });
    // No token configured: a bearer from outside is no key.
    expect(metricsAccess('192.168.1.20', { authorization: `Bearer ${TOKEN}` }, null)).toMatchObject(
      { allowed: false },
    );
  });

  it('lets the token in from anywhere, and refuses a wrong token even from this machine', () => {
    expect(metricsAccess('192.168.1.20', { authorization: `Bearer ${TOKEN}` }, TOKEN)).toEqual({
      allowed: true,
    });
    expect(metricsAccess('192.168.1.20', { authorization: `bearer  ${TOKEN}` }, TOKEN)).toEqual({
      allowed: true,
    });
    expect(metricsAccess('127.0.0.1', { authorization: 'Bearer wrong' }, TOKEN)).toMatchObject({
      allowed: false,
    });
  });

  it('does not take a request forwarded by a local proxy for one from this machine', () => {
    for (const h of ['x-forwarded-for', 'forwarded', 'x-real-ip'])
      expect(metricsAccess('127.0.0.1', { [h]: '203.0.113.9' }, null), h).toMatchObject({
        allowed: false,
      });
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.0.0.1.5')).toBe(false);
    expect(isLoopback('::2')).toBe(false);
  });
});

describe('the metrics token setting', () => {
  it('comes from the option, else the environment; empty is none; short is refused', () => {
    expect(metricsTokenFrom(TOKEN, {})).toBe(TOKEN);
    expect(metricsTokenFrom(undefined, { [METRICS_TOKEN_ENV]: ` ${TOKEN} ` })).toBe(TOKEN);
    expect(metricsTokenFrom(TOKEN, { [METRICS_TOKEN_ENV]: 'other-token-of-enough-length' })).toBe(
      TOKEN,
    );
    expect(metricsTokenFrom(undefined, {})).toBeNull();
    expect(metricsTokenFrom('', {})).toBeNull();
    expect(() => metricsTokenFrom('short', {})).toThrow(/at least 16/);
  });
});
