import type { IncomingMessage } from 'node:http';
import { type ApiContext, createApiContext } from '@chatapp/api';
import type { DomainDeps } from '@chatapp/domain';
import { headerValue, tokenFromRequest } from './http/auth-header';
import { type AddressPolicy, clientAddress } from './http/client-address';
import { linkOrigin } from './http/link-origin';
import { mediaBaseUrl } from './media/urls';

export type ContextFactory = (req: IncomingMessage | { headers: Headers }) => ApiContext;

/** Every HTTP transport builds its procedure context the same way. */
export function httpContextFactory(
  deps: DomainDeps,
  publicUrl: string | undefined,
  addresses: AddressPolicy,
): ContextFactory {
  return (req) => ({
    ...createApiContext(
      deps,
      tokenFromRequest(req),
      headerValue(req, 'user-agent'),
      mediaBaseUrl(publicUrl, req),
    ),
    linkOrigin: linkOrigin(publicUrl, req),
    clientAddress: clientAddress(req, addresses),
  });
}
