// Rules for a recorded handoff review (CONTRACT.md, recordHandoffReview), pure.

export interface HandoffReviewFields {
  externalId: string;
  handedOffAt: Date;
  firstResponseAt: Date;
  contextItemsAvailable: number;
  contextItemsUsed: number;
  csat?: number | null;
  notes?: string | null;
}

/** Every problem with the review, each naming its field; empty when it is valid. */
export function reviewProblems(r: HandoffReviewFields): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const id = r.externalId.trim();
  if (!id) problems.push({ field: 'externalId', message: 'externalId must not be empty: use the conversation id from the help desk.' });
  if (id.length > 200) problems.push({ field: 'externalId', message: 'externalId can be at most 200 characters.' });
  if (Number.isNaN(r.handedOffAt.getTime())) problems.push({ field: 'handedOffAt', message: 'handedOffAt is not a valid time.' });
  if (Number.isNaN(r.firstResponseAt.getTime())) problems.push({ field: 'firstResponseAt', message: 'firstResponseAt is not a valid time.' });
  if (r.firstResponseAt.getTime() < r.handedOffAt.getTime()) {
    problems.push({ field: 'firstResponseAt', message: 'firstResponseAt cannot be before handedOffAt.' });
  }
  if (r.contextItemsAvailable < 0) {
    problems.push({ field: 'contextItemsAvailable', message: 'contextItemsAvailable cannot be negative.' });
  }
  if (r.contextItemsUsed < 0 || r.contextItemsUsed > r.contextItemsAvailable) {
    problems.push({ field: 'contextItemsUsed', message: 'contextItemsUsed must be between 0 and contextItemsAvailable.' });
  }
  if (r.csat !== null && r.csat !== undefined && (r.csat < 1 || r.csat > 5)) {
    problems.push({ field: 'csat', message: 'csat must be from 1 to 5 (or left empty when the customer did not answer).' });
  }
  if (r.notes && r.notes.length > 10_000) problems.push({ field: 'notes', message: 'notes can be at most 10,000 characters.' });
  return problems;
}

export interface ScorecardAnswerFields {
  key: string;
  passed: boolean;
  note?: string | null;
}

/** Problems with scorecard answers against the program's items: unknown or repeated keys, long notes. */
export function scorecardProblems(
  items: readonly { key: string }[],
  answers: readonly ScorecardAnswerFields[],
): { field: string; message: string }[] {
  const known = new Set(items.map((i) => i.key));
  const seen = new Set<string>();
  const problems: { field: string; message: string }[] = [];
  const unknown: string[] = [];
  for (const a of answers) {
    if (!known.has(a.key)) unknown.push(a.key);
    else if (seen.has(a.key)) problems.push({ field: 'scorecard', message: `The scorecard answers ${a.key} twice.` });
    seen.add(a.key);
    if (a.note && a.note.length > 2_000) {
      problems.push({ field: 'scorecard', message: `The note on ${a.key} can be at most 2,000 characters.` });
    }
  }
  if (unknown.length) {
    problems.unshift({
      field: 'scorecard',
      message: `The program's scorecard has no item ${unknown.map((k) => `"${k}"`).join(', ')} (its items: ${[...known].join(', ')}).`,
    });
  }
  return problems;
}
