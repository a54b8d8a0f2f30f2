import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../src/http/client-address';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    socket: { remoteAddress },
  }) as unknown as IncomingMessage;

describe('the client address', () => {
  const direct = { trustProxy: false, webMounted: false };

  it('is the peer, whatever X-Forwarded-For says, without a trusted proxy', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), direct)).toBe('203.0.113.9');
  });

  it('is the first X-Forwarded-For hop behind a trusted proxy, else the peer', () => {
    const proxied = { trustProxy: true, webMounted: false };
    expect(clientAddress(request('10.0.0.1', '198.51.100.1, 10.0.0.2'), proxied)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.1'), proxied)).toBe('10.0.0.1');
  });

  it('is none for this process’s own web UI calling its API over loopback (no shared bucket for every browser)', () => {
    const withWeb = { trustProxy: false, webMounted: true };
    for (const loopback of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(clientAddress(request(loopback), withWeb)).toBeNull();
    }
    expect(clientAddress(request('203.0.113.9'), withWeb)).toBe('203.0.113.9');
    // Without the web UI a loopback peer is a client like any other.
    expect(clientAddress(request('127.0.0.1'), direct)).toBe('127.0.0.1');
  });
});
