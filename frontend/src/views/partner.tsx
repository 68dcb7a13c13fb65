// The partner portal: the customers who hold or aspire to the roles this
// partner hosts, with those roles, and nothing else about them.
import { useState } from 'preact/hooks';

import { useQuery } from '../api/hooks';
import { PARTNER_PORTAL } from '../api/queries';
import type { Connection, Named, PortalCustomer } from '../api/types';
import type { Session } from '../auth';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { humanise } from '../format';

const PAGE_SIZE = 25;

interface Data {
  partnerPortal: Named & { customers: Connection<PortalCustomer> };
}

export function PartnerPortalView({ session }: { session: Session }) {
  // Cursors of the pages before this one; the first page has none.
  const [trail, setTrail] = useState<(string | null)[]>([]);
  const [after, setAfter] = useState<string | null>(null);
  const { state, reload } = useQuery<Data>(PARTNER_PORTAL, { first: PAGE_SIZE, after });
  const portal = state.data?.partnerPortal;
  const customers = portal?.customers;

  return (
    <section aria-labelledby="partner-title">
      <h1 id="partner-title">{portal ? portal.name : 'Partner portal'}</h1>
      <p class="lead">Customers who hold or aspire to the roles you host, and those roles.</p>
      {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}
      {state.status === 'loading' && !portal && <Loading what={`the customers of ${session.partnerId ?? 'this partner'}`} />}
      {customers && (
        <p class="result-count" role="status">
          {customers.totalCount === 1 ? '1 customer' : `${customers.totalCount} customers`}
          {customers.totalCount > PAGE_SIZE ? `, page ${trail.length + 1}` : ''}
        </p>
      )}
      {customers && customers.edges.length === 0 && <Empty>No customer holds or aspires to one of your roles yet.</Empty>}
      {customers && customers.edges.length > 0 && (
        <table class="table partner-table">
          <caption class="visually-hidden">Customers and their roles with {portal.name}</caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Roles</th>
            </tr>
          </thead>
          <tbody>
            {customers.edges.map(({ node: customer }) => (
              <tr key={customer.id} data-customer={customer.id}>
                <th scope="row" data-label="Customer">
                  {customer.name} <span class="muted id">{customer.id}</span>
                </th>
                <td data-label="Roles">
                  <ul class="plain-list">
                    {customer.roles.map((role) => (
                      <li key={`${role.id}-${role.relation}`}>
                        <strong>{role.name}</strong>{' '}
                        <span class={`chip chip-${role.relation === 'ASPIRES_TO' ? 'aspiring' : (role.status ?? '').toLowerCase()}`}>
                          {role.relation === 'ASPIRES_TO' ? 'Aspires to it' : humanise(role.status)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {customers && (trail.length > 0 || customers.pageInfo.hasNextPage) && (
        <nav class="pager" aria-label="Pages">
          <button
            type="button"
            class="button secondary"
            disabled={trail.length === 0}
            onClick={() => {
              setAfter(trail[trail.length - 1] ?? null);
              setTrail(trail.slice(0, -1));
            }}
          >
            ← Previous page
          </button>
          <button
            type="button"
            class="button secondary"
            disabled={!customers.pageInfo.hasNextPage}
            onClick={() => {
              setTrail([...trail, after]);
              setAfter(customers.pageInfo.endCursor);
            }}
          >
            Next page →
          </button>
        </nav>
      )}
    </section>
  );
}
