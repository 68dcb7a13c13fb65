// Next best steps, with accept, reject and done for those who may act.
import { useState } from 'preact/hooks';

import { request } from '../api/client';
import { useQuery } from '../api/hooks';
import { NEXT_BEST_STEPS, RESPOND_TO_STEP } from '../api/queries';
import type { Step, StepResponse } from '../api/types';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { formatNumber, formatSigned, humanise, NEED_NAMES } from '../format';

const DONE_WORDS: Record<StepResponse, string> = {
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  COMPLETED: 'marked done',
};

const BUTTONS: { response: StepResponse; label: string; busy: string; primary: boolean }[] = [
  { response: 'ACCEPTED', label: 'Accept', busy: 'Accepting…', primary: true },
  { response: 'REJECTED', label: 'Reject', busy: 'Rejecting…', primary: false },
  { response: 'COMPLETED', label: 'Done', busy: 'Saving…', primary: false },
];

export function StepsPanel({
  relationshipId,
  canAct,
  onResponded,
}: {
  relationshipId: string;
  canAct: boolean;
  onResponded: () => Promise<void>;
}) {
  const { state, reload } = useQuery<{ nextBestSteps: Step[] }>(NEXT_BEST_STEPS, { relationshipId });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  const respond = async (step: Step, response: StepResponse): Promise<void> => {
    setBusy(`${step.action.id}:${response}`);
    setFailure(null);
    try {
      await request(RESPOND_TO_STEP, { relationshipId, actionId: step.action.id, response });
      await onResponded();
      await reload();
      setMessage(`“${humanise(step.action.key)}” ${DONE_WORDS[response]}. The profile has been updated.`);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(null);
    }
  };

  const steps = state.data?.nextBestSteps;
  return (
    <div aria-busy={state.status === 'loading'}>
      <p class="step-message" role="status" aria-live="polite">
        {message}
      </p>
      {failure && <ErrorNotice error={failure} />}
      {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}
      {!steps && state.status === 'loading' && <Loading what="next best steps" />}
      {steps && steps.length === 0 && <Empty>No step is eligible now: every action is on cooldown, unaffordable or above this gate.</Empty>}
      {steps && steps.length > 0 && (
        <ol class="steps">
          {steps.map((step) => (
            <li key={step.action.id} class="step" data-action={step.action.id} data-status={step.status ?? 'PROPOSED'}>
              <div class="step-head">
                <span class="step-rank" aria-hidden="true">{step.rank}</span>
                <div>
                  <h3 class="step-title">
                    <span class="step-name">{humanise(step.action.key)}</span>{' '}
                    {step.status && step.status !== 'PROPOSED' && (
                      <span class={`chip chip-step-${step.status.toLowerCase()}`}>{humanise(step.status)}</span>
                    )}
                  </h3>
                  <p class="muted small">
                    {humanise(step.action.kind)} · serves {NEED_NAMES[step.action.need] ?? step.action.need} · expected{' '}
                    {formatSigned(step.expectedUplift)} goodwill
                    {step.cases ? ` (learned from ${step.cases} cases)` : ' (catalogue prior)'} · score{' '}
                    {formatNumber(step.score, 2)}
                  </p>
                </div>
              </div>
              {step.reasons.length > 0 && (
                <ul class="reasons">
                  {step.reasons.map((reason, index) => (
                    <li key={index}>{reason}</li>
                  ))}
                </ul>
              )}
              {canAct && (
                <div class="step-actions" role="group" aria-label={`Respond to ${humanise(step.action.key)}`}>
                  {BUTTONS.filter((button) => button.response !== step.status).map((button) => (
                    <button
                      key={button.response}
                      type="button"
                      class={button.primary ? 'button' : 'button secondary'}
                      disabled={busy != null}
                      onClick={() => void respond(step, button.response)}
                    >
                      {busy === `${step.action.id}:${button.response}` ? button.busy : button.label}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {!canAct && steps && steps.length > 0 && <p class="muted small">Only agents act on steps.</p>}
    </div>
  );
}
