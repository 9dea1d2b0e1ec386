// Rules for a shadowing observation: one handoff a trainee watched an experienced agent take.

export const OBSERVATION_TEXT_MAX = 2000;
/** Clock drift allowed between the trainee's device and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** Shadowing happens during the program; a year back is certainly a typo. */
const PAST_LIMIT_MS = 366 * 24 * 3600 * 1000;

export interface ObservationInput {
  observedAt: Date;
  situation: string;
  didWell: string;
  wouldChange: string;
}

const LABELS = {
  situation: 'the situation',
  didWell: 'what the agent did well',
  wouldChange: 'what you would do differently',
} as const;

/** Every problem with an observation, each naming its field; empty when it can be logged. */
export function observationProblems(o: ObservationInput, now: Date): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const t = o.observedAt.getTime();
  if (Number.isNaN(t)) problems.push({ field: 'observedAt', message: 'Give the time of the handoff you watched.' });
  else if (t > now.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ field: 'observedAt', message: 'That time is in the future: log handoffs you have already watched.' });
  } else if (t < now.getTime() - PAST_LIMIT_MS) {
    problems.push({ field: 'observedAt', message: 'That time is more than a year ago; check the date.' });
  }
  for (const field of ['situation', 'didWell', 'wouldChange'] as const) {
    const text = o[field].trim();
    if (!text) problems.push({ field, message: `Describe ${LABELS[field]}.` });
    else if ([...text].length > OBSERVATION_TEXT_MAX) {
      problems.push({ field, message: `Keep ${LABELS[field]} under ${OBSERVATION_TEXT_MAX} characters.` });
    }
  }
  return problems;
}
