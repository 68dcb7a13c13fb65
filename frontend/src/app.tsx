// The shell: sign-in, the header and navigation that follow the role, and
// the view of the current route.
import { useEffect, useRef, useState } from 'preact/hooks';

import { setApiToken, whenUnauthorised } from './api/client';
import type { Session } from './auth';
import { forgetSession, readsCustomers, readsDashboards, storedSession, storeSession } from './auth';
import { href, navigate, useRoute } from './router';
import type { Route } from './router';
import { CustomerView } from './views/customer';
import { CustomersView } from './views/customers';
import { DashboardView } from './views/dashboard';
import { GraphView } from './views/graph';
import { PartnerPortalView } from './views/partner';
import { SignIn } from './views/sign-in';

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const stored = storedSession();
    setApiToken(stored?.token ?? null);
    return stored;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = (next: Session): void => {
    storeSession(next);
    setApiToken(next.token);
    setNotice(null);
    setSession(next);
    navigate(next.role === 'PARTNER' ? href.partner() : href.customers(), true);
  };
  const signOut = (reason: string | null = null): void => {
    forgetSession();
    setApiToken(null);
    setNotice(reason);
    setSession(null);
  };

  useEffect(() => {
    whenUnauthorised((error) => signOut(`You were signed out: ${error.message}`));
  }, []);

  if (!session) return <SignIn onSignIn={signIn} notice={notice} />;
  return <Shell session={session} onSignOut={() => signOut('You have signed out.')} />;
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // Move focus to the new view so that keyboard and screen reader users
    // start reading it, not the link they left behind.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);

  const staff = readsCustomers(session.role);
  const current = route.name;
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => { event.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={staff ? href.customers() : href.partner()}>
          <span class="brand-mark" aria-hidden="true" />
          SiR
        </a>
        <nav aria-label="Main">
          <ul>
            {staff && (
              <>
                <li>
                  <a href={href.customers()} aria-current={['customers', 'customer', 'graph'].includes(current) ? 'page' : undefined}>
                    Customers
                  </a>
                </li>
                {readsDashboards(session.role) && (
                  <li>
                    <a href={href.dashboard(session.organizationId)} aria-current={current === 'dashboard' ? 'page' : undefined}>
                      Dashboard
                    </a>
                  </li>
                )}
              </>
            )}
            {session.role === 'PARTNER' && (
              <li>
                <a href={href.partner()} aria-current={current === 'partner' ? 'page' : undefined}>
                  Partner portal
                </a>
              </li>
            )}
          </ul>
        </nav>
        <div class="who">
          <span class="who-role" title={session.subject ?? undefined}>
            {session.role.toLowerCase()}
            {session.organizationId ? ` · ${session.organizationId}` : ''}
            {session.partnerId ? ` · ${session.partnerId}` : ''}
          </span>
          <button type="button" class="button secondary small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <View route={route} session={session} />
      </main>
    </>
  );
}

function View({ route, session }: { route: Route; session: Session }) {
  const staff = readsCustomers(session.role);
  if (!staff && route.name !== 'partner') {
    return <Forbidden text="A partner sees the partner portal only." link={href.partner()} label="Open the partner portal" />;
  }
  switch (route.name) {
    case 'customers':
      return <CustomersView session={session} params={route.params} />;
    case 'customer':
      return <CustomerView session={session} customerId={route.customerId} organizationId={route.organizationId} />;
    case 'graph':
      return <GraphView session={session} customerId={route.customerId} />;
    case 'dashboard':
      if (!readsDashboards(session.role)) {
        return <Forbidden text="Dashboards are for analysts of the organization." link={href.customers()} label="Back to customers" />;
      }
      return <DashboardView session={session} organizationId={route.organizationId ?? session.organizationId} />;
    case 'partner':
      if (session.role !== 'PARTNER') {
        return <Forbidden text="The partner portal is for partners' tokens." link={href.customers()} label="Back to customers" />;
      }
      return <PartnerPortalView session={session} />;
    case 'notFound':
      return <Forbidden text={`There is no page at “${route.path}”.`} link={staff ? href.customers() : href.partner()} label="Go to the start page" />;
  }
}

function Forbidden({ text, link, label }: { text: string; link: string; label: string }) {
  return (
    <section class="panel">
      <h1>Not here</h1>
      <p>{text}</p>
      <p>
        <a href={link}>{label}</a>
      </p>
    </section>
  );
}
