// Hand-made SVG charts: needs with confidence, goodwill over time, counts,
// and signed uplifts. Each has a text equivalent for screen readers.
import type { NeedScore, StatePoint, Tier } from '../api/types';
import { useWidth } from './size';
import { formatDate, formatNumber, formatPercent, formatShortDate, formatSigned, humanise, NEED_NAMES } from '../format';

const NEED_ORDER = ['SERVE', 'CONNECT', 'ROLE'] as const;
const DAY = 24 * 3600 * 1000;

/** Each need as a bar in [0, 1] with a whisker that narrows as confidence grows. */
export function NeedsChart({ needs }: { needs: NeedScore[] }) {
  const rows = NEED_ORDER.map((key) => needs.find((need) => need.need === key)).filter(
    (need): need is NeedScore => need != null,
  );
  const [ref, measured] = useWidth<HTMLElement>(320);
  const width = Math.max(240, measured);
  const left = width < 360 ? 112 : 128;
  const right = 44;
  const rowHeight = 38;
  const plot = width - left - right;
  const height = rows.length * rowHeight + 22;
  const x = (value: number): number => left + Math.max(0, Math.min(1, value)) * plot;
  const summary = rows
    .map((n) => `${NEED_NAMES[n.need]}: ${formatPercent(n.value)}, confidence ${formatPercent(n.confidence)}`)
    .join('; ');

  return (
    <figure class="chart needs-chart" ref={ref}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Needs: ${summary}`}>
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line class="grid" x1={x(tick)} x2={x(tick)} y1={4} y2={height - 18} />
            <text class="tick" x={x(tick)} y={height - 4} text-anchor="middle">
              {tick === 0.5 ? '0.5' : tick}
            </text>
          </g>
        ))}
        {rows.map((need, index) => {
          const y = 8 + index * rowHeight;
          const spread = (1 - Math.max(0, Math.min(1, need.confidence))) / 2;
          const low = x(need.value - spread);
          const high = x(need.value + spread);
          const mid = y + 12;
          return (
            <g key={need.need} class={`need need-${need.need.toLowerCase()}`}>
              <text class="label" x={left - 8} y={mid + 4} text-anchor="end">
                {NEED_NAMES[need.need]}
              </text>
              <rect class="track" x={left} y={y + 2} width={plot} height={20} rx={3} />
              <rect class="bar" x={left} y={y + 2} width={Math.max(1, x(need.value) - left)} height={20} rx={3} />
              <line class="whisker" x1={low} x2={high} y1={mid} y2={mid} />
              <line class="whisker" x1={low} x2={low} y1={mid - 6} y2={mid + 6} />
              <line class="whisker" x1={high} x2={high} y1={mid - 6} y2={mid + 6} />
              <text class="value" x={width - right + 6} y={mid + 4}>
                {formatNumber(need.value, 2)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        Bars: how well each need is met (0–1). Whiskers: the less confident, the wider.{' '}
        {rows.map((n) => (
          <span key={n.need} class="need-note">
            {NEED_NAMES[n.need]}: {formatPercent(n.value)} met, confidence {formatPercent(n.confidence)}.{' '}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Goodwill (0–100) over time from the state history, with tier bands. */
export function GoodwillChart({ history }: { history: StatePoint[] }) {
  const points = history
    .map((p) => ({ ...p, time: new Date(p.at).getTime() }))
    .filter((p) => !Number.isNaN(p.time))
    .sort((a, b) => a.time - b.time);
  const [ref, measured] = useWidth<HTMLElement>(560);
  const width = Math.max(260, measured);
  const height = width < 480 ? 180 : 220;
  const pad = { left: 34, right: 12, top: 10, bottom: 26 };
  // A single state sits in the middle of a fortnight either side of it.
  const margin = points.length === 1 ? 14 * DAY : 0;
  const first = (points[0]?.time ?? Date.now()) - margin;
  const last = (points[points.length - 1]?.time ?? first) + margin;
  const span = Math.max(last - first, DAY);
  const x = (time: number): number =>
    pad.left + ((time - first) / span) * (width - pad.left - pad.right);
  const y = (goodwill: number): number =>
    pad.top + (1 - Math.max(0, Math.min(100, goodwill)) / 100) * (height - pad.top - pad.bottom);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.time).toFixed(1)},${y(p.goodwill).toFixed(1)}`).join(' ');
  const tickCount = points.length > 1 ? Math.max(2, Math.min(8, Math.floor(width / 110))) : 0;
  const ticks = points.length === 1 ? [points[0]!.time] : Array.from({ length: tickCount }, (_, i) => first + (span * i) / (tickCount - 1));
  const latest = points[points.length - 1];
  const label = !latest
    ? 'No goodwill history yet.'
    : points.length === 1
      ? `Goodwill over time: one state, on ${formatDate(latest.at)}, ${formatNumber(latest.goodwill)} of 100.`
      : `Goodwill over time: ${points.length} states from ${formatDate(points[0]!.at)} to ${formatDate(latest.at)}, now ${formatNumber(latest.goodwill)} of 100.`;

  return (
    <figure class="chart goodwill-chart" ref={ref}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {[0, 25, 50, 75, 100].map((value) => (
          <g key={value}>
            <line class="grid" x1={pad.left} x2={width - pad.right} y1={y(value)} y2={y(value)} />
            <text class="tick" x={pad.left - 6} y={y(value) + 4} text-anchor="end">
              {value}
            </text>
          </g>
        ))}
        {ticks.map((time, index) => (
          <text
            key={time}
            class="tick"
            x={x(time)}
            y={height - 6}
            text-anchor={ticks.length === 1 ? 'middle' : index === 0 ? 'start' : index === ticks.length - 1 ? 'end' : 'middle'}
          >
            {formatShortDate(new Date(time))}
          </text>
        ))}
        {points.length > 1 && <path class="area" d={`${path} L${x(last)},${y(0)} L${x(first)},${y(0)} Z`} />}
        <path class="line" d={path} />
        {points.map((p) => (
          <circle key={p.at} class={`dot tier-${p.tier.toLowerCase()}`} cx={x(p.time)} cy={y(p.goodwill)} r={3.5}>
            <title>
              {formatDate(p.at)}: goodwill {formatNumber(p.goodwill, 1)}, {humanise(p.tier)} tier, {humanise(p.gate)} gate
            </title>
          </circle>
        ))}
      </svg>
      <figcaption>
        {label}
        {points.length === 1 ? ' A line appears once the state changes and a second state is kept.' : ''}
      </figcaption>
    </figure>
  );
}

export interface Bar {
  label: string;
  value: number;
  note?: string;
  tone?: string;
}

/** Horizontal bars of counts, longest first if asked. */
export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure class="chart bar-chart">
      <figcaption class="chart-title">{title}</figcaption>
      <ul class="bars">
        {bars.map((bar) => (
          <li key={bar.label} class={`bar-row ${bar.tone ?? ''}`}>
            <span class="bar-label">{bar.label}</span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar-fill" style={{ width: `${(bar.value / max) * 100}%` }} />
            </span>
            <span class="bar-value">
              {bar.value}
              {bar.note ? <span class="bar-note"> {bar.note}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface Uplift {
  action: string;
  tier: Tier;
  uplift: number;
  cases: number;
}

const TIER_ORDER: readonly Tier[] = ['LOW', 'MEDIUM', 'HIGH'];

/** Signed goodwill uplift per action and tier, bars either side of zero. */
export function UpliftChart({ rows }: { rows: Uplift[] }) {
  const actions = [...new Set(rows.map((row) => row.action))];
  const extent = Math.max(1, ...rows.map((row) => Math.abs(row.uplift)));
  const [ref, measured] = useWidth<HTMLElement>(560);
  const width = Math.max(300, measured);
  const left = width < 480 ? 118 : 150;
  const right = 84;
  const barHeight = 10;
  const groupHeight = TIER_ORDER.length * (barHeight + 2) + 12;
  const height = actions.length * groupHeight + 30;
  const zero = left + (width - left - right) / 2;
  const scale = (width - left - right) / 2 / extent;
  const summary = rows
    .map((r) => `${humanise(r.action)}, ${humanise(r.tier)} tier: ${formatSigned(r.uplift)} over ${r.cases} cases`)
    .join('; ');

  return (
    <figure class="chart uplift-chart" ref={ref}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Goodwill uplift per action and tier: ${summary}`}>
        <line class="axis" x1={zero} x2={zero} y1={0} y2={height - 22} />
        <text class="tick" x={zero} y={height - 8} text-anchor="middle">0</text>
        <text class="tick" x={zero - extent * scale} y={height - 8} text-anchor="start">
          {formatSigned(-extent)}
        </text>
        <text class="tick" x={zero + extent * scale} y={height - 8} text-anchor="end">
          {formatSigned(extent)}
        </text>
        {actions.map((action, group) => {
          const top = group * groupHeight + 4;
          return (
            <g key={action}>
              <text class="label" x={left - 8} y={top + groupHeight / 2} text-anchor="end">
                {humanise(action)}
              </text>
              {TIER_ORDER.map((tier, index) => {
                const row = rows.find((r) => r.action === action && r.tier === tier);
                if (!row) return null;
                const y = top + index * (barHeight + 2);
                const length = Math.max(1, Math.abs(row.uplift) * scale);
                const positive = row.uplift >= 0;
                return (
                  <g key={tier}>
                    <rect
                      class={`uplift tier-${tier.toLowerCase()}`}
                      x={positive ? zero : zero - length}
                      y={y}
                      width={length}
                      height={barHeight}
                      rx={2}
                    >
                      <title>
                        {humanise(action)}, {humanise(tier)} tier: {formatSigned(row.uplift)} goodwill over {row.cases} cases
                      </title>
                    </rect>
                    <text class="tick" x={width - right + 6} y={y + barHeight - 1}>
                      {formatSigned(row.uplift)} · n={row.cases}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {TIER_ORDER.map((tier) => (
          <span key={tier} class="legend-item">
            <span class={`swatch tier-${tier.toLowerCase()}`} aria-hidden="true" /> {humanise(tier)} goodwill
          </span>
        ))}
        <span class="legend-item">n = cases behind the figure</span>
      </figcaption>
    </figure>
  );
}
