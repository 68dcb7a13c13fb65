// Customers: search by name or id, filter, sort and page through the
// organisation's customers. The filters live in the URL, so Back works.
import { useEffect, useState } from 'preact/hooks';

import { useQuery } from '../api/hooks';
import { CUSTOMER_BY_ID, CUSTOMERS } from '../api/queries';
import type { Connection, CustomerRow, Named } from '../api/types';
import { GATES, TIERS, TYPES } from '../api/types';
import type { Session } from '../auth';
import { Badge, RiskBadge } from '../components/badges';
import { OrganizationPicker } from '../components/organizations';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { formatDateTime, formatNumber, formatSigned, humanise, trendClass } from '../format';
import { href, navigate } from '../router';

export const PAGE_SIZE = 20;

// Each choice is the API's `orderBy` and `direction`, joined by a dot.
export const ORDERS: { value: string; label: string }[] = [
  { value: 'NAME.ASC', label: 'Name, A to Z' },
  { value: 'NAME.DESC', label: 'Name, Z to A' },
  { value: 'GOODWILL.DESC', label: 'Goodwill, highest first' },
  { value: 'GOODWILL.ASC', label: 'Goodwill, lowest first' },
  { value: 'GOODWILL_CHANGE.ASC', label: 'Goodwill change, falling first' },
  { value: 'GOODWILL_CHANGE.DESC', label: 'Goodwill change, rising first' },
];

interface Data {
  customers: Connection<CustomerRow>;
}

function variables(params: URLSearchParams, session: Session): Record<string, unknown> {
  const risk = params.get('risk');
  const [orderBy = 'NAME', direction = 'ASC'] = (params.get('sort') || 'NAME.ASC').split('.');
  return {
    first: PAGE_SIZE,
    after: params.get('after') || null,
    search: params.get('q') || null,
    organizationId: session.organizationId ?? (params.get('org') || null),
    tier: params.get('tier') || null,
    gate: params.get('gate') || null,
    type: params.get('type') || null,
    atRisk: risk === 'yes' ? true : risk === 'no' ? false : null,
    orderBy,
    direction,
  };
}

export function CustomersView({ session, params }: { session: Session; params: URLSearchParams }) {
  const { state, reload } = useQuery<Data>(CUSTOMERS, variables(params, session));
  const [search, setSearch] = useState(params.get('q') ?? '');
  useEffect(() => setSearch(params.get('q') ?? ''), [params.get('q')]);

  const update = (changes: Record<string, string | null>): void => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    // Any change of filter or order starts again at the first page.
    next.delete('after');
    next.delete('prev');
    navigate(href.customers(next));
  };

  const page = (after: string | null, prev: string[]): void => {
    const next = new URLSearchParams(params);
    next.delete('prev');
    prev.forEach((cursor) => next.append('prev', cursor));
    if (after) next.set('after', after);
    else next.delete('after');
    navigate(href.customers(next));
  };

  const query = params.get('q')?.trim() ?? '';
  const exact = useQuery<{ customer: Named | null }>(
    CUSTOMER_BY_ID,
    { id: query },
    { skip: !query },
  );
  const idMatch = query && exact.state.data?.customer?.id === query ? exact.state.data.customer : null;
  const trail = params.getAll('prev');
  const pageNumber = trail.length + 1;
  const connection = state.data?.customers;
  const organizationId = session.organizationId ?? params.get('org');

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <form
        class="filters"
        role="search"
        aria-label="Find customers"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: search.trim() || null });
        }}
      >
        <div class="field field-search">
          <label for="search">Name or id</label>
          <div class="search-row">
            <input
              id="search"
              type="search"
              value={search}
              placeholder="e.g. Ada or cust-00042"
              onInput={(event) => setSearch((event.target as HTMLInputElement).value)}
            />
            <button type="submit" class="button">
              Search
            </button>
          </div>
        </div>
        {session.role === 'ADMIN' && (
          <OrganizationPicker value={params.get('org') ?? ''} onChange={(org) => update({ org })} allowAll />
        )}
        <Select label="Tier" name="tier" value={params.get('tier')} options={TIERS} onChange={update} />
        <Select label="Gate" name="gate" value={params.get('gate')} options={GATES} onChange={update} />
        <Select label="Type" name="type" value={params.get('type')} options={TYPES} onChange={update} />
        <div class="field">
          <label for="filter-risk">At risk</label>
          <select id="filter-risk" value={params.get('risk') ?? ''} onChange={(e) => update({ risk: (e.target as HTMLSelectElement).value })}>
            <option value="">Any</option>
            <option value="yes">At risk only</option>
            <option value="no">Not at risk</option>
          </select>
        </div>
        <div class="field">
          <label for="sort">Sort by</label>
          <select id="sort" value={params.get('sort') ?? 'NAME.ASC'} onChange={(e) => update({ sort: (e.target as HTMLSelectElement).value })}>
            {ORDERS.map((order) => (
              <option key={order.value} value={order.value}>
                {order.label}
              </option>
            ))}
          </select>
        </div>
      </form>

      {idMatch && (
        <p class="panel id-match">
          The customer with id <span class="id">{idMatch.id}</span>:{' '}
          <a class="customer-link" href={href.customer(idMatch.id, organizationId)}>
            {idMatch.name}
          </a>
        </p>
      )}
      <div class="results" aria-busy={state.status === 'loading'}>
        {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}
        {state.status === 'loading' && !connection && <Loading what="customers" />}
        {connection && (
          <>
            <p class="result-count" role="status">
              {connection.totalCount === 1 ? '1 customer' : `${connection.totalCount} customers`}
              {connection.totalCount > PAGE_SIZE ? `, page ${pageNumber}` : ''}
              {connection.asOf ? `; order and count as of ${formatDateTime(connection.asOf)}` : ''}
              {state.status === 'loading' ? ' — updating…' : ''}
            </p>
            {connection.edges.length === 0 ? (
              !idMatch && <Empty>No customer matches these filters. Clear the search or a filter to see more.</Empty>
            ) : (
              <CustomerTable rows={connection.edges.map((edge) => edge.node)} organizationId={organizationId} />
            )}
            <nav class="pager" aria-label="Pages">
              <button
                type="button"
                class="button secondary"
                disabled={pageNumber === 1}
                onClick={() => page(trail[trail.length - 1] || null, trail.slice(0, -1))}
              >
                ← Previous page
              </button>
              <button
                type="button"
                class="button secondary"
                disabled={!connection.pageInfo.hasNextPage}
                onClick={() =>
                  page(connection.pageInfo.endCursor, [...trail, params.get('after') ?? ''])
                }
              >
                Next page →
              </button>
            </nav>
          </>
        )}
      </div>
    </section>
  );
}

function Select({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string | null;
  options: readonly string[];
  onChange: (changes: Record<string, string | null>) => void;
}) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} value={value ?? ''} onChange={(e) => onChange({ [name]: (e.target as HTMLSelectElement).value })}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {humanise(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

function CustomerTable({ rows, organizationId }: { rows: CustomerRow[]; organizationId: string | null }) {
  return (
    <table class="table customers-table">
      <caption class="visually-hidden">Customers and the state of their relationships</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Organization</th>
          <th scope="col" class="num">Goodwill</th>
          <th scope="col" class="num">
            30-day change
          </th>
          <th scope="col">Tier</th>
          <th scope="col">Gate</th>
          <th scope="col">Type</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((customer) => {
          const relationships = customer.relationships.filter(
            (r) => !organizationId || r.organization.id === organizationId,
          );
          const shown = relationships.length ? relationships : [null];
          return shown.map((relationship, index) => (
            <tr key={`${customer.id}-${relationship?.id ?? 'none'}`} class={index ? 'continued' : ''}>
              <th scope="row" data-label="Customer">
                {index === 0 ? (
                  <>
                    <a class="customer-link" href={href.customer(customer.id, relationship?.organization.id)}>
                      {customer.name}
                    </a>
                    <span class="muted id">{customer.id}</span>
                  </>
                ) : (
                  <span class="visually-hidden">{customer.name}</span>
                )}
              </th>
              <td data-label="Organization">
                {relationship ? (
                  index === 0 ? (
                    relationship.organization.name
                  ) : (
                    <a href={href.customer(customer.id, relationship.organization.id)}>{relationship.organization.name}</a>
                  )
                ) : (
                  '—'
                )}
              </td>
              <td class="num" data-label="Goodwill">
                {formatNumber(relationship?.state?.goodwill)}
              </td>
              <td class={`num change ${trendClass(relationship?.state?.trend.goodwill)}`} data-label="Change">
                {formatSigned(relationship?.state?.trend.goodwill)}
              </td>
              <td data-label="Tier">
                <Badge kind="tier" value={relationship?.state?.tier} />
              </td>
              <td data-label="Gate">
                <Badge kind="gate" value={relationship?.state?.gate} />
              </td>
              <td data-label="Type">
                <Badge kind="type" value={relationship?.state?.type} /> <RiskBadge atRisk={relationship?.state?.atRisk} />
              </td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
