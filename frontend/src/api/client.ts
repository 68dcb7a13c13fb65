// One function that talks to the API: POST a GraphQL document to /graphql
// with the session's bearer token, and turn every kind of failure into an
// error with a sentence a person can act on.

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The API refused the token itself (HTTP 401): the session must end. */
export class AuthError extends Error {}

/** The API answered with GraphQL errors; `code` is the first error's code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly errors: GraphQLErrorBody[],
  ) {
    super(message);
  }
}

type Listener = (error: AuthError) => void;
let currentToken: string | null = null;
let onAuthError: Listener = () => undefined;

export function setApiToken(token: string | null): void {
  currentToken = token;
}

export function whenUnauthorised(listener: Listener): void {
  onAuthError = listener;
}

async function reasonOf(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as Record<string, unknown>;
    for (const key of ['detail', 'reason', 'message', 'error']) {
      if (typeof body[key] === 'string') return body[key] as string;
    }
    const errors = body['errors'];
    if (Array.isArray(errors) && errors[0]?.message) return String(errors[0].message);
  } catch {
    // Not JSON: fall back to the text, then the status.
  }
  const text = (await response.text()).trim();
  return text && text.length < 200 ? text : `HTTP ${response.status}`;
}

export async function request<T>(
  document: string,
  variables: Record<string, unknown> = {},
  token: string | null = currentToken,
): Promise<T> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  if (token) headers['Authorization'] = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document, variables }),
    });
  } catch {
    throw new ApiError('The service cannot be reached. Is it running?', 'UNAVAILABLE', []);
  }

  if (response.status === 401) {
    const error = new AuthError(await reasonOf(response));
    if (token === currentToken) onAuthError(error);
    throw error;
  }
  let body: { data?: T | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The service answered HTTP ${response.status} without data.`, null, []);
  }
  if (body.errors?.length) {
    const first = body.errors[0]!;
    throw new ApiError(first.message, first.extensions?.code ?? null, body.errors);
  }
  if (!response.ok || body.data == null) {
    throw new ApiError(`The service answered HTTP ${response.status}.`, null, []);
  }
  return body.data;
}
