import { appRouter, V1_BASE_PATH } from '@chatapp/api';
import { legacyRoutes } from '../legacy/routes';
import { isMediaPath } from '../media/serve';
import { TRPC_PATH } from '../trpc/http';

/**
 * The `route` label of a request's metrics and access log: a route pattern or procedure name, never a raw path,
 * so the number of series stays fixed whatever clients send (ids, typos, scanners all land in a few labels).
 */
export type RouteLabeler = (method: string, pathname: string) => string;

const FIXED = new Set(['/healthz', '/readyz', '/metrics']);

interface OpenApiMeta {
  openapi?: { method?: string; path?: string };
}

/** Built once per server from the router and the legacy table. */
export function createRouteLabeler(): RouteLabeler {
  const procedures = new Set<string>();
  const v1: { method: string; pattern: RegExp; label: string }[] = [];
  for (const [name, procedure] of Object.entries(appRouter._def.procedures)) {
    procedures.add(name);
    // tRPC types a router's procedures as callers; at run time each carries its definition, meta included.
    const meta = (procedure as unknown as { _def?: { meta?: OpenApiMeta } })._def?.meta;
    const route = meta?.openapi;
    if (!route?.path || !route.method) continue;
    const source = route.path
      .split('/')
      .map((part) => (/^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    v1.push({
      method: route.method.toUpperCase(),
      pattern: new RegExp(`^${V1_BASE_PATH}${source}/?$`),
      label: `${V1_BASE_PATH}${route.path}`,
    });
  }
  const legacy = new Set(legacyRoutes.map((route) => route.path));

  return (method, pathname) => {
    if (FIXED.has(pathname)) return pathname;
    if (pathname === TRPC_PATH || pathname.startsWith(`${TRPC_PATH}/`)) {
      const names = pathname.slice(TRPC_PATH.length + 1);
      if (names.includes(',')) return 'trpc:batch';
      return procedures.has(names) ? `trpc:${names}` : 'trpc:unknown';
    }
    if (pathname.startsWith(`${V1_BASE_PATH}/`)) {
      const found = v1.find((route) => route.method === method && route.pattern.test(pathname));
      return found?.label ?? `${V1_BASE_PATH}/*`;
    }
    if (isMediaPath(pathname)) return '/media/*';
    if (legacy.has(pathname)) return pathname;
    return 'other';
  };
}
