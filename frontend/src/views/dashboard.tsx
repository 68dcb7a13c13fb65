// The organisation dashboard: where its relationships stand, who is at risk,
// who is ready to co-own part of the service, and which actions build goodwill.
import { useQuery } from '../api/hooks';
import { DASHBOARD, EFFECTIVENESS, OPPORTUNITIES } from '../api/queries';
import type { Connection, Dashboard, Effectiveness, Named, Opportunity } from '../api/types';
import { GATES, TIERS, TYPES } from '../api/types';
import type { Session } from '../auth';
import { Badge } from '../components/badges';
import { BarChart, UpliftChart } from '../components/charts';
import { OrganizationPicker } from '../components/organizations';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { formatDateTime, formatNumber, formatPercent, formatSigned, humanise, NEED_NAMES, trendClass } from '../format';
import { href, navigate } from '../router';

const OPPORTUNITY_COUNT = 24;

export function DashboardView({ session, organizationId }: { session: Session; organizationId: string | null }) {
  return (
    <section aria-labelledby="dashboard-title" class="dashboard">
      <div class="view-head">
        <h1 id="dashboard-title">Dashboard</h1>
        {session.role === 'ADMIN' && (
          <OrganizationPicker value={organizationId ?? ''} onChange={(id) => navigate(href.dashboard(id))} />
        )}
      </div>
      {organizationId ? (
        <OrganizationDashboard key={organizationId} organizationId={organizationId} />
      ) : (
        <Empty>Choose an organization to see its dashboard.</Empty>
      )}
    </section>
  );
}

function OrganizationDashboard({ organizationId }: { organizationId: string }) {
  const dashboard = useQuery<{ organization: (Named & { dashboard: Dashboard }) | null }>(DASHBOARD, {
    id: organizationId,
  });
  const data = dashboard.state.data?.organization;

  return (
    <>
      {dashboard.state.status === 'error' && <ErrorNotice error={dashboard.state.error} retry={dashboard.reload} />}
      {dashboard.state.status === 'loading' && !data && <Loading what="the dashboard" />}
      {dashboard.state.status === 'ok' && !data && <Empty>There is no organization “{organizationId}”.</Empty>}
      {data && <Overview organization={data} />}
      <div class="dashboard-grid">
        <OpportunityBoard organizationId={organizationId} />
        <EffectivenessPanel organizationId={organizationId} />
      </div>
    </>
  );
}

function counts<K extends string>(order: readonly K[], count: (key: K) => number | undefined) {
  return order.map((key) => ({
    label: humanise(key),
    value: count(key) ?? 0,
    tone: `tone-${key.toLowerCase()}`,
  }));
}

function Overview({ organization }: { organization: Named & { dashboard: Dashboard } }) {
  const { dashboard } = organization;
  return (
    <>
      <p class="lead">
        <strong>{organization.name}</strong>: {dashboard.relationships} relationships, {dashboard.profiled} profiled,{' '}
        {dashboard.atRiskCount} at risk; average goodwill {formatNumber(dashboard.averageGoodwill, 1)}.
        {dashboard.asOf && <span class="as-of"> Figures as of {formatDateTime(dashboard.asOf)}.</span>}
      </p>
      <div class="stat-grid">
        <section class="panel">
          <h2>Goodwill tiers</h2>
          <BarChart title="Relationships per tier" bars={counts(TIERS, (k) => dashboard.byTier.find((r) => r.tier === k)?.count)} />
        </section>
        <section class="panel">
          <h2>Gates passed</h2>
          <BarChart title="Relationships per gate" bars={counts(GATES, (k) => dashboard.byGate.find((r) => r.gate === k)?.count)} />
        </section>
        <section class="panel">
          <h2>Relationship types</h2>
          <BarChart title="Relationships per type" bars={counts(TYPES, (k) => dashboard.byType.find((r) => r.type === k)?.count)} />
        </section>
        <section class="panel">
          <h2>Average needs</h2>
          <dl class="needs-summary">
            {dashboard.averageNeeds.map((need) => (
              <div key={need.need}>
                <dt>{NEED_NAMES[need.need] ?? need.need}</dt>
                <dd>
                  <meter min={0} max={1} low={0.4} high={0.6} optimum={1} value={need.value}>
                    {formatPercent(need.value)}
                  </meter>{' '}
                  {formatNumber(need.value, 2)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <section class="panel" aria-labelledby="risk-title">
        <h2 id="risk-title">
          At-risk relationships <span class="count">{dashboard.atRiskCount}</span>
        </h2>
        {dashboard.atRisk.length ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col" class="num">Goodwill</th>
                <th scope="col" class="num">30-day change</th>
                <th scope="col">Tier</th>
                <th scope="col">Gate</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.atRisk.map((row) => (
                <tr key={row.id}>
                  <th scope="row" data-label="Customer">
                    <a href={href.customer(row.customer.id, organization.id)}>{row.customer.name}</a>
                  </th>
                  <td class="num" data-label="Goodwill">{formatNumber(row.state?.goodwill)}</td>
                  <td class={`num change ${trendClass(row.state?.trend.goodwill)}`} data-label="Change">{formatSigned(row.state?.trend.goodwill)}</td>
                  <td data-label="Tier"><Badge kind="tier" value={row.state?.tier} /></td>
                  <td data-label="Gate"><Badge kind="gate" value={row.state?.gate} /></td>
                  <td data-label="Type"><Badge kind="type" value={row.state?.type} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>No relationship is at risk.</Empty>
        )}
      </section>
    </>
  );
}

function OpportunityBoard({ organizationId }: { organizationId: string }) {
  const { state, reload } = useQuery<{ coOwnershipOpportunities: Connection<Opportunity> }>(OPPORTUNITIES, {
    organizationId,
    first: OPPORTUNITY_COUNT,
  });
  const opportunities = state.data?.coOwnershipOpportunities.edges.map((edge) => edge.node) ?? [];
  const roles = [...new Map(opportunities.map((o) => [o.role.id, o.role])).values()].sort((a, b) => a.rung - b.rung);

  return (
    <section class="panel wide" aria-labelledby="board-title">
      <h2 id="board-title">
        Co-ownership opportunities{' '}
        {state.data && <span class="count">{state.data.coOwnershipOpportunities.totalCount}</span>}
      </h2>
      <p class="muted small">
        Customers ready for the next rung of a role, by role, most ready first.
        {state.data?.coOwnershipOpportunities.asOf &&
          ` As of ${formatDateTime(state.data.coOwnershipOpportunities.asOf)}.`}
      </p>
      {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}
      {state.status === 'loading' && !state.data && <Loading what="opportunities" />}
      {state.data && opportunities.length === 0 && <Empty>No customer is ready for a bigger role yet.</Empty>}
      {roles.length > 0 && (
        <div class="board">
          {roles.map((role) => (
            <section key={role.id} class="board-column" aria-label={`${role.name}, rung ${role.rung}`}>
              <h3>
                {role.name} <span class="muted small">rung {role.rung}</span>
              </h3>
              <ul class="cards">
                {opportunities
                  .filter((o) => o.role.id === role.id)
                  .map((o) => (
                    <li key={`${o.customer.id}-${role.id}`} class="card">
                      <a href={href.customer(o.customer.id, organizationId)}>{o.customer.name}</a>
                      <p class="muted small">
                        readiness {formatPercent(o.readiness)} · goodwill {formatNumber(o.goodwill)}
                        {o.partner ? ` · with ${o.partner.name}` : ''}
                      </p>
                      {o.reasons[0] && <p class="small">{o.reasons[0]}</p>}
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function EffectivenessPanel({ organizationId }: { organizationId: string }) {
  const { state, reload } = useQuery<{ actionEffectiveness: Effectiveness[] }>(EFFECTIVENESS, { organizationId });
  const rows = (state.data?.actionEffectiveness ?? []).map((row) => ({
    action: row.action.key,
    tier: row.tier,
    uplift: row.uplift,
    cases: row.cases,
  }));
  return (
    <section class="panel wide" aria-labelledby="effect-title">
      <h2 id="effect-title">Which actions build goodwill</h2>
      <p class="muted small">Average change of goodwill after an action, per goodwill tier.</p>
      {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}
      {state.status === 'loading' && !state.data && <Loading what="action effectiveness" />}
      {state.data && rows.length === 0 && <Empty>No action has been received yet, so nothing is learned.</Empty>}
      {rows.length > 0 && <UpliftChart rows={rows} />}
    </section>
  );
}
