// A small data hook: run a GraphQL query when its variables change, expose
// loading, error and data, and let a view run it again after a mutation.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { request } from './client';

export type QueryState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'error'; data: T | null; error: Error }
  | { status: 'ok'; data: T; error: null };

export interface Query<T> {
  state: QueryState<T>;
  reload: () => Promise<void>;
}

export function useQuery<T>(
  document: string,
  variables: Record<string, unknown>,
  options: { skip?: boolean } = {},
): Query<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<T>>({
    status: 'loading',
    data: null,
    error: null,
  });
  const latest = useRef(0);

  const run = useCallback(async () => {
    const ticket = ++latest.current;
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    try {
      const data = await request<T>(document, JSON.parse(key) as Record<string, unknown>);
      if (ticket === latest.current) setState({ status: 'ok', data, error: null });
    } catch (error) {
      if (ticket === latest.current) {
        setState((previous) => ({
          status: 'error',
          data: previous.data,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
      }
    }
  }, [document, key]);

  useEffect(() => {
    if (!options.skip) void run();
  }, [run, options.skip]);

  return { state, reload: run };
}
