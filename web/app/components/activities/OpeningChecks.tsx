import type { OpeningCheck } from '~/lib/attempts';

/** Plain names of the ten opening checks (the API's codes). */
export const CHECK_NAME: Record<string, string> = {
  USES_NAME: 'Uses the customer’s name',
  INTRODUCES_SELF: 'Says who you are',
  ACKNOWLEDGES_ISSUE: 'Names the specific issue',
  STATES_ACTION: 'States your next action',
  SETS_TIME_EXPECTATION: 'Says how long it will take',
  NO_GENERIC_OPENER: 'No generic opener',
  NO_REPEAT_REQUEST: 'Doesn’t ask the customer to repeat',
  NO_KNOWN_INFO_REQUEST: 'Doesn’t ask for what the AI collected',
  NO_AI_BLAME: 'Doesn’t blame the AI',
  NO_OVER_APOLOGY: 'No pile of apologies',
};

/** Each check with ✓ or ✗ and the words "passes"/"fails", then the grader's one-line explanation. */
export function OpeningChecks({ checks, label }: { checks: OpeningCheck[]; label: string }) {
  return (
    <ul className="checks" aria-label={label}>
      {checks.map((check) => (
        <li key={check.code} className={check.passed ? 'check check--pass' : 'check check--fail'}>
          <span className="check__mark" aria-hidden="true">
            {check.passed ? '✓' : '✗'}
          </span>
          <span>
            <strong>{CHECK_NAME[check.code] ?? check.code}</strong>
            <span className="visually-hidden">{check.passed ? ': passes' : ': fails'}</span>
            <span className="check__message">{check.message}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
