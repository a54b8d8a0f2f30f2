import type { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { ServerMetrics } from './metrics';
import type { RequestScope } from './request-scope';
import { requestIdOf } from './request-scope';
import type { RouteLabeler } from './route-label';

export interface RequestObservation {
  log: Logger;
  metrics: ServerMetrics;
  scope: AsyncLocalStorage<RequestScope>;
  routeOf: RouteLabeler;
}

/**
 * Wraps the HTTP entry: every request gets an id (a sane incoming X-Request-Id, else a new one), echoed in the
 * answer's X-Request-Id and carried by every log line written while it is served; when its answer finishes (or the
 * client goes away) it is counted and timed under its route label and logged once: method, route, status, duration.
 * Never the URL's query, headers or body (tokens travel there).
 */
export function observeRequests(listener: RequestListener, observation: RequestObservation): RequestListener {
  const { log, metrics, scope, routeOf } = observation;
  return (req, res) => {
    const started = process.hrtime.bigint();
    const id = requestIdOf(req);
    res.setHeader('X-Request-Id', id);
    const method = req.method ?? 'GET';
    // Labelled on arrival: transports rewrite req.url as they route (the v1 adapter strips its base path).
    const route = routeOf(method, (req.url ?? '/').split('?', 1)[0] ?? '/');
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A client that hung up before the answer finished is logged as such (status 499, as nginx does).
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.requests.inc({ method, route, status: String(status) });
      metrics.requestSeconds.observe({ method, route }, seconds);
      scope.run({ id }, () =>
        log.info({ method, route, status, ms: Math.round(seconds * 1e4) / 10 }, 'request'),
      );
    };
    res.once('finish', finish);
    res.once('close', finish);
    scope.run({ id }, () => listener(req, res));
  };
}
