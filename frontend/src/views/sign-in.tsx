// Sign-in with a bearer token, such as the one `sir serve --demo` prints.
import { useEffect, useRef, useState } from 'preact/hooks';

import { request } from '../api/client';
import { PROBE } from '../api/queries';
import type { Session } from '../auth';
import { decodeToken } from '../auth';

export function SignIn({ onSignIn, notice }: { onSignIn: (session: Session) => void; notice: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  // The token field is the one thing to do here: start in it, so that a
  // keyboard user can paste at once and Tab to the button.
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    let session: Session;
    try {
      session = decodeToken(token);
    } catch (problem) {
      setError((problem as Error).message);
      return;
    }
    setBusy(true);
    try {
      // The API checks the signature; a refused token never becomes a session.
      await request(PROBE, {}, session.token);
      onSignIn(session);
    } catch (problem) {
      setError(`The service refused this token: ${(problem as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in" tabIndex={-1}>
      <section class="panel sign-in-panel" aria-labelledby="sign-in-title">
        <p class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" /> SiR
        </p>
        <h1 id="sign-in-title">Sign in</h1>
        <p class="lead">
          Service Integrated Relationships: each customer’s needs, goodwill and next best steps.
        </p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <label for="token">Access token</label>
          <textarea
            ref={field}
            id="token"
            name="token"
            rows={5}
            spellcheck={false}
            autocomplete="off"
            required
            aria-describedby="token-help"
            aria-invalid={error ? 'true' : undefined}
            value={token}
            onInput={(event) => setToken((event.target as HTMLTextAreaElement).value)}
          />
          <p id="token-help" class="help">
            Paste the token that <code>sir serve --demo</code> printed, or make one with{' '}
            <code>sir token --role AGENT --org ORG</code>. It is kept in this tab only.
          </p>
          {error && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="button" disabled={busy || !token.trim()}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </section>
    </main>
  );
}
