// Small labels for tier, gate, type and risk, the same in every view.
import { humanise } from '../format';

export function Badge({ kind, value }: { kind: 'tier' | 'gate' | 'type'; value: string | null | undefined }) {
  if (!value) return <span class="badge badge-none">not profiled</span>;
  return (
    <span class={`badge badge-${kind} badge-${kind}-${value.toLowerCase()}`}>
      <span class="visually-hidden">{kind} </span>
      {humanise(value)}
    </span>
  );
}

export function RiskBadge({ atRisk }: { atRisk: boolean | null | undefined }) {
  if (!atRisk) return null;
  return <span class="badge badge-risk">At risk</span>;
}
