// The relationship profile: the State of the Relationship, its history and
// evidence, and the next best steps an agent can act on.
import { useQuery } from '../api/hooks';
import { RELATIONSHIP } from '../api/queries';
import type { Relationship } from '../api/types';
import type { Session } from '../auth';
import { actsOnSteps } from '../auth';
import { Badge, RiskBadge } from '../components/badges';
import { GoodwillChart, NeedsChart } from '../components/charts';
import { GateLadder } from '../components/ladder';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { formatDate, formatNumber, formatSigned, humanise, NEED_NAMES, trendClass } from '../format';
import { href } from '../router';
import { StepsPanel } from './steps';

export function RelationshipProfile({ session, relationshipId }: { session: Session; relationshipId: string }) {
  const { state, reload } = useQuery<{ relationship: Relationship | null }>(RELATIONSHIP, { id: relationshipId });

  if (state.status === 'error' && !state.data) return <ErrorNotice error={state.error} retry={reload} />;
  if (!state.data) return <Loading what="the relationship profile" />;
  const relationship = state.data.relationship;
  if (!relationship) return <Empty>This relationship does not exist or is not yours to see.</Empty>;

  const { customer, organization } = relationship;
  const current = relationship.state;

  return (
    <article class="profile" aria-labelledby="profile-title" aria-busy={state.status === 'loading'}>
      <header class="profile-head panel">
        <div>
          <h1 id="profile-title">{customer.name}</h1>
          <p class="muted">
            <span class="id">{customer.id}</span>
            {customer.email ? ` · ${customer.email}` : ''} · {organization.name} since {formatDate(relationship.since)}
          </p>
          <p class="badges">
            <Badge kind="tier" value={current?.tier} /> <Badge kind="gate" value={current?.gate} />{' '}
            <Badge kind="type" value={current?.type} /> <RiskBadge atRisk={current?.atRisk} />
          </p>
        </div>
        <div class="goodwill-figure" aria-label="Goodwill">
          <span class="figure" data-testid="goodwill">{formatNumber(current?.goodwill, 1)}</span>
          <span class="figure-unit">goodwill of 100</span>
          <span class={`figure-change ${trendClass(current?.trend.goodwill)}`}>
            {formatSigned(current?.trend.goodwill)} in 30 days
          </span>
          <a class="button secondary small" href={href.graph(customer.id)}>
            Graph view
          </a>
        </div>
      </header>
      {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}

      <div class="profile-grid">
        <section class="panel" aria-labelledby="needs-title">
          <h2 id="needs-title">Needs</h2>
          {current?.needs?.length ? <NeedsChart needs={current.needs} /> : <Empty>No touchpoint has addressed a need yet.</Empty>}
        </section>

        <section class="panel" aria-labelledby="gate-title">
          <h2 id="gate-title">Gate</h2>
          <GateLadder gate={current?.gate ?? null} />
          <p class="muted small">
            {current ? `${humanise(current.type)} relationship${current.atRisk ? ', at risk' : ''}.` : 'Not profiled yet.'}{' '}
            {current?.modelVersion ? `Model ${current.modelVersion}.` : ''}
          </p>
        </section>

        <section class="panel wide" aria-labelledby="goodwill-title">
          <h2 id="goodwill-title">Goodwill over time</h2>
          {relationship.history.length ? (
            <GoodwillChart history={relationship.history} />
          ) : (
            <Empty>No earlier states are recorded yet.</Empty>
          )}
        </section>

        <section class="panel wide steps-panel" aria-labelledby="steps-title">
          <h2 id="steps-title">Next best steps</h2>
          <StepsPanel relationshipId={relationship.id} canAct={actsOnSteps(session.role)} onResponded={reload} />
        </section>

        <section class="panel wide" aria-labelledby="why-title">
          <h2 id="why-title">Why this profile</h2>
          {relationship.explanation.length ? (
            <ul class="explanation">
              {relationship.explanation.map((line) => (
                <li key={line.rule} data-rule={line.rule}>
                  {line.text}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>There is no explanation yet.</Empty>
          )}
        </section>

        <section class="panel wide" aria-labelledby="touchpoints-title">
          <h2 id="touchpoints-title">
            Touchpoints <span class="count">{relationship.touchpoints.totalCount}</span>
          </h2>
          {relationship.touchpoints.edges.length ? (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Started by</th>
                  <th scope="col">Needs addressed</th>
                </tr>
              </thead>
              <tbody>
                {relationship.touchpoints.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td data-label="When">{formatDate(node.at)}</td>
                    <td data-label="Channel">{humanise(node.channel)}</td>
                    <td data-label="Kind">
                      {humanise(node.kind)}
                      {node.partner ? <span class="muted"> via {node.partner}</span> : null}
                    </td>
                    <td data-label="Started by">{humanise(node.initiatedBy)}</td>
                    <td data-label="Needs">
                      {node.needs.length
                        ? node.needs.map((n) => (
                            <span key={n.need} class={`chip ${n.fulfilment < 0 ? 'chip-bad' : 'chip-good'}`}>
                              {NEED_NAMES[n.need] ?? n.need} {formatSigned(n.fulfilment, 1)}
                            </span>
                          ))
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No touchpoints yet.</Empty>
          )}
          {relationship.touchpoints.totalCount > relationship.touchpoints.edges.length && (
            <p class="muted small">Showing the latest {relationship.touchpoints.edges.length}.</p>
          )}
        </section>

        <section class="panel" aria-labelledby="signals-title">
          <h2 id="signals-title">
            Goodwill signals <span class="count">{relationship.signals.totalCount}</span>
          </h2>
          {relationship.signals.edges.length ? (
            <ul class="plain-list">
              {relationship.signals.edges.map(({ node }) => (
                <li key={node.id}>
                  <span class={`chip ${['OPT_OUT', 'ESCALATED_COMPLAINT', 'CHURN_INTENT'].includes(node.kind) ? 'chip-bad' : 'chip-good'}`}>
                    {humanise(node.kind)}
                  </span>{' '}
                  <span class="muted">
                    {formatDate(node.at)}
                    {node.weight !== 1 ? ` · weight ${formatNumber(node.weight, 1)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No goodwill signals yet.</Empty>
          )}
        </section>

        <section class="panel" aria-labelledby="roles-title">
          <h2 id="roles-title">Roles</h2>
          {relationship.roles.edges.length ? (
            <ul class="plain-list">
              {relationship.roles.edges.map(({ node: play }) => (
                <li key={play.role.id}>
                  <strong>{play.role.name}</strong> <span class="muted">rung {play.role.rung}</span>{' '}
                  <span class={`chip chip-${play.status.toLowerCase()}`}>{humanise(play.status)}</span>
                  {play.since ? <span class="muted"> since {formatDate(play.since)}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>This customer holds no role yet.</Empty>
          )}
        </section>
      </div>
    </article>
  );
}
