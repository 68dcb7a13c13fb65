// The signed-in session: a bearer token kept in sessionStorage, so that it is
// gone when the tab closes, and the claims the views follow.

export type Role = 'ADMIN' | 'ANALYST' | 'AGENT' | 'PARTNER';

export interface Session {
  token: string;
  role: Role;
  subject: string | null;
  organizationId: string | null;
  partnerId: string | null;
  expiresAt: Date | null;
}

const STORAGE_KEY = 'sir.token';
const ROLES: readonly Role[] = ['ADMIN', 'ANALYST', 'AGENT', 'PARTNER'];

export class TokenError extends Error {}

/** Read the claims of a JWT without verifying it: the API verifies it. */
export function decodeToken(token: string): Session {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) {
    throw new TokenError('This is not a token: a token has three parts separated by dots.');
  }
  let claims: Record<string, unknown>;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    throw new TokenError('The token could not be read; paste it whole, without quotes.');
  }
  const role = String(claims['role'] ?? '').toUpperCase();
  if (!ROLES.includes(role as Role)) {
    throw new TokenError(`The token names no known role (it says "${role || 'nothing'}").`);
  }
  const text = (...names: string[]): string | null => {
    for (const name of names) {
      const value = claims[name];
      if (typeof value === 'string' && value) return value;
    }
    return null;
  };
  const exp = claims['exp'];
  return {
    token: token.trim(),
    role: role as Role,
    subject: text('sub'),
    organizationId: text('org', 'organization', 'organizationId', 'organization_id'),
    partnerId: text('partner', 'partnerId', 'partner_id'),
    expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : null,
  };
}

export function storedSession(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return null;
  try {
    const session = decodeToken(token);
    if (session.expiresAt && session.expiresAt.getTime() < Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return session;
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function storeSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, session.token);
}

export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Whether the role reads the organisation's customers, profiles and dashboards. */
export function readsCustomers(role: Role): boolean {
  return role !== 'PARTNER';
}

/** Whether the role reads an organisation's dashboard (READ_DASHBOARDS). */
export function readsDashboards(role: Role): boolean {
  return role === 'ADMIN' || role === 'ANALYST';
}

/** Whether the role may accept, reject or complete next best steps. */
export function actsOnSteps(role: Role): boolean {
  return role === 'AGENT' || role === 'ADMIN';
}
