import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, WEB_CLIENT_ADDRESS_HEADER, WEB_KEY_HEADER } from '../src/http/client-address';

const request = (remoteAddress: string, forwardedFor?: string, headers: Record<string, string> = {}) =>
  ({
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor, ...headers } : headers,
    socket: { remoteAddress },
  }) as unknown as IncomingMessage;

const WEB_KEY = 'k'.repeat(43);

describe('the client address', () => {
  const direct = { trustProxy: false, webKey: null };

  it('is the peer, whatever X-Forwarded-For says, without a trusted proxy', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), direct)).toBe('203.0.113.9');
  });

  it('is the first X-Forwarded-For hop behind a trusted proxy, else the peer', () => {
    const proxied = { trustProxy: true, webKey: null };
    expect(clientAddress(request('10.0.0.1', '198.51.100.1, 10.0.0.2'), proxied)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.1'), proxied)).toBe('10.0.0.1');
  });

  it('is none for this process’s own web UI calling its API over loopback (no shared bucket for every browser)', () => {
    const withWeb = { trustProxy: false, webKey: WEB_KEY };
    for (const loopback of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(clientAddress(request(loopback), withWeb)).toBeNull();
    }
    expect(clientAddress(request('203.0.113.9'), withWeb)).toBe('203.0.113.9');
    // Without the web UI a loopback peer is a client like any other.
    expect(clientAddress(request('127.0.0.1'), direct)).toBe('127.0.0.1');
  });

  it('is the browser address the web UI names with its key, and nothing for a forged or odd one', () => {
    const withWeb = { trustProxy: false, webKey: WEB_KEY };
    const named = (key: string, address: string) =>
      request('127.0.0.1', undefined, {
        [WEB_KEY_HEADER]: key,
        [WEB_CLIENT_ADDRESS_HEADER]: address,
      });
    expect(clientAddress(named(WEB_KEY, '198.51.100.7'), withWeb)).toBe('198.51.100.7');
    expect(clientAddress(named(WEB_KEY, '2001:db8::7'), withWeb)).toBe('2001:db8::7');
    // A wrong key (or one of another length) names nothing, nor does a key with something that is not an address.
    expect(clientAddress(named('x'.repeat(43), '198.51.100.7'), withWeb)).toBeNull();
    expect(clientAddress(named('short', '198.51.100.7'), withWeb)).toBeNull();
    expect(clientAddress(named(WEB_KEY, 'everyone'), withWeb)).toBeNull();
    // Only a loopback peer may speak for a browser: from elsewhere the headers are ignored.
    const remote = request('203.0.113.9', undefined, {
      [WEB_KEY_HEADER]: WEB_KEY,
      [WEB_CLIENT_ADDRESS_HEADER]: '198.51.100.7',
    });
    expect(clientAddress(remote, withWeb)).toBe('203.0.113.9');
  });
});
