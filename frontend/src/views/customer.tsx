// One customer: their relationships (one tab per organisation) and the
// profile of the chosen one.
import { useQuery } from '../api/hooks';
import { CUSTOMER } from '../api/queries';
import type { Named } from '../api/types';
import type { Session } from '../auth';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { href } from '../router';
import { RelationshipProfile } from './profile';

interface Data {
  customer: (Named & { email: string | null; relationships: { id: string; organization: Named }[] }) | null;
}

export function CustomerView({
  session,
  customerId,
  organizationId,
}: {
  session: Session;
  customerId: string;
  organizationId: string | null;
}) {
  const { state, reload } = useQuery<Data>(CUSTOMER, { id: customerId });

  if (state.status === 'error') return <ErrorNotice error={state.error} retry={reload} />;
  if (!state.data) return <Loading what="the customer" />;
  const customer = state.data.customer;
  if (!customer) {
    return (
      <section class="panel">
        <h1>No such customer</h1>
        <Empty>
          There is no customer “{customerId}” that you may see. <a href={href.customers()}>Back to customers</a>
        </Empty>
      </section>
    );
  }

  const wanted = organizationId ?? session.organizationId;
  const relationship =
    customer.relationships.find((r) => r.organization.id === wanted) ?? customer.relationships[0] ?? null;

  return (
    <div class="customer">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href={href.customers()}>Customers</a> <span aria-hidden="true">›</span> <span>{customer.name}</span>
      </nav>
      {customer.relationships.length > 1 && (
        <nav class="tabs" aria-label="Relationships of this customer">
          {customer.relationships.map((r) => (
            <a
              key={r.id}
              class="tab"
              href={href.customer(customer.id, r.organization.id)}
              aria-current={r.id === relationship?.id ? 'page' : undefined}
            >
              {r.organization.name}
            </a>
          ))}
        </nav>
      )}
      {relationship ? (
        <RelationshipProfile key={relationship.id} session={session} relationshipId={relationship.id} />
      ) : (
        <section class="panel">
          <h1>{customer.name}</h1>
          <Empty>This customer has no relationship with an organization yet.</Empty>
        </section>
      )}
    </div>
  );
}
