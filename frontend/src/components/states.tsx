// The three states every view passes through besides showing its data.
import type { ComponentChildren } from 'preact';

import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state state-empty">{children}</p>;
}

function explain(error: Error): string {
  if (error instanceof ApiError) {
    if (error.code === 'FORBIDDEN') return `You may not see this: ${error.message}`;
    if (error.code === 'NOT_FOUND') return error.message;
    if (error.code === 'UNAVAILABLE') return `The service is unavailable: ${error.message}`;
  }
  return error.message;
}

export function ErrorNotice({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="state state-error" role="alert">
      <p>
        <strong>Something went wrong.</strong> {explain(error)}
      </p>
      {retry && (
        <button type="button" class="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
