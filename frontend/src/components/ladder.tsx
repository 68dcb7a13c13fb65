// The gate ladder: CLIENT, then CONNECTION, then RESOURCE, passed in order.
import type { Gate } from '../api/types';
import { GATES } from '../api/types';

const MEANING: Record<Gate, string> = {
  CLIENT: 'served as a client',
  CONNECTION: 'service good enough to connect',
  RESOURCE: 'relationship good enough to take a role',
};

export function GateLadder({ gate }: { gate: Gate | null }) {
  const reached = gate ? GATES.indexOf(gate) : -1;
  return (
    <ol class="ladder" aria-label="Gate ladder">
      {GATES.map((step, index) => {
        const state = index < reached ? 'passed' : index === reached ? 'current' : 'ahead';
        return (
          <li key={step} class={`rung rung-${state}`} aria-current={index === reached ? 'step' : undefined}>
            <span class="rung-name">{step}</span>
            <span class="rung-meaning">{MEANING[step]}</span>
            <span class="visually-hidden">
              {state === 'current' ? ' (current gate)' : state === 'passed' ? ' (passed)' : ' (not yet)'}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
