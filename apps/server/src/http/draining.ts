import type { RequestListener } from 'node:http';
import { sendJson } from './respond';

/**
 * A stopping process answers `/readyz` with 503 at once, before it stops accepting (main.ts waits
 * SHUTDOWN_DRAIN_MS between the two), so that a load balancer sends new clients elsewhere while this one finishes.
 * Everything else is served as usual until the server closes.
 */
export function withDraining(listener: RequestListener): { listener: RequestListener; drain(): void } {
  let draining = false;
  return {
    listener(req, res) {
      if (draining && req.url?.split('?')[0] === '/readyz') {
        sendJson(res, 503, { status: 'stopping' });
        return;
      }
      listener(req, res);
    },
    drain() {
      draining = true;
    },
  };
}
