// Hash routes, so that the API can serve the app as static files at / and
// any link can be bookmarked or opened in a new tab.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'customers'; params: URLSearchParams }
  | { name: 'customer'; customerId: string; organizationId: string | null }
  | { name: 'graph'; customerId: string }
  | { name: 'dashboard'; organizationId: string | null }
  | { name: 'partner' }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const [first, second, third] = parts;
  if (!first || first === 'customers') {
    if (!second) return { name: 'customers', params };
    if (third === 'graph') return { name: 'graph', customerId: second };
    if (!third) return { name: 'customer', customerId: second, organizationId: params.get('org') };
  }
  if (first === 'organizations') return { name: 'dashboard', organizationId: second ?? null };
  if (first === 'partner' && !second) return { name: 'partner' };
  return { name: 'notFound', path };
}

export const href = {
  customers: (params?: URLSearchParams): string => {
    const query = params?.toString();
    return `#/customers${query ? `?${query}` : ''}`;
  },
  customer: (customerId: string, organizationId?: string | null): string =>
    `#/customers/${encodeURIComponent(customerId)}` +
    (organizationId ? `?org=${encodeURIComponent(organizationId)}` : ''),
  graph: (customerId: string): string => `#/customers/${encodeURIComponent(customerId)}/graph`,
  dashboard: (organizationId?: string | null): string =>
    `#/organizations${organizationId ? `/${encodeURIComponent(organizationId)}` : ''}`,
  partner: (): string => '#/partner',
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else location.hash = to.replace(/^#/, '');
  if (replace) dispatchEvent(new HashChangeEvent('hashchange'));
}
