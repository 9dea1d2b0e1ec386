import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORECARD } from '../../api/src/qa/domain/scorecard.js';
import { factories } from '../support/factories.js';
import { review } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
});
afterAll(() => t?.close());

async function setup() {
  const supervisor = await f.supervisor();
  const trainee = await f.trainee();
  const cohort = await f.cohort({ supervisors: [supervisor] });
  const enrollment = await f.enroll(cohort.id, trainee.id);
  return { supervisor, trainee, enrollment };
}

const RECORD = `mutation($input: HandoffReviewInput!) {
  recordHandoffReview(input: $input) { id qaScore qaPassed scorecard { key passed note } }
}`;
const REVIEWS = `query($id: ID!) { enrollment(id: $id) { handoffReviews { externalId qaScore qaPassed scorecard { key passed note } } } }`;
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

const allPassed = () => DEFAULT_SCORECARD.map((i) => ({ key: i.key, passed: true }));

describe('the QA scorecard of a handoff review', () => {
  it('is the program’s scorecard, with two critical questions', async () => {
    const admin = await f.admin();
    const { program } = await t.ok<{ program: any }>(`{ program(key: "ai-handoff") { scorecard { key question critical } } }`, {}, admin.token);
    expect(program.scorecard.map((i: any) => i.key)).toEqual(DEFAULT_SCORECARD.map((i) => i.key));
    expect(program.scorecard.filter((i: any) => i.critical).map((i: any) => i.key)).toEqual(['NOTHING_ASKED_AGAIN', 'RESOLUTION_CONFIRMED']);
  });

  it('scores the answers; a failed critical item fails the review whatever the score', async () => {
    const { supervisor, enrollment } = await setup();
    const all = await t.ok<{ recordHandoffReview: any }>(RECORD, { input: review(enrollment.id, 'sc-all', 'SOLO', { scorecard: allPassed() }) }, supervisor.token);
    expect(all.recordHandoffReview).toMatchObject({ qaScore: 100, qaPassed: true });

    // 6 of 7 passed (86%, above the 80% pass mark), but the failed one is critical.
    const critical = allPassed().map((a) => (a.key === 'RESOLUTION_CONFIRMED' ? { ...a, passed: false, note: '  Closed without asking.  ' } : a));
    const r = await t.ok<{ recordHandoffReview: any }>(RECORD, { input: review(enrollment.id, 'sc-critical', 'SOLO', { scorecard: critical }) }, supervisor.token);
    expect(r.recordHandoffReview).toMatchObject({ qaScore: 86, qaPassed: false });
    expect(r.recordHandoffReview.scorecard).toContainEqual({ key: 'RESOLUTION_CONFIRMED', passed: false, note: 'Closed without asking.' });

    // The same score with a non-critical item failed passes.
    const minor = allPassed().map((a) => (a.key === 'ACTIONS_NARRATED' ? { ...a, passed: false } : a));
    const m = await t.ok<{ recordHandoffReview: any }>(RECORD, { input: review(enrollment.id, 'sc-minor', 'SOLO', { scorecard: minor }) }, supervisor.token);
    expect(m.recordHandoffReview).toMatchObject({ qaScore: 86, qaPassed: true });

    // Without a scorecard there is no QA result.
    const none = await t.ok<{ recordHandoffReview: any }>(RECORD, { input: review(enrollment.id, 'sc-none', 'SOLO') }, supervisor.token);
    expect(none.recordHandoffReview).toMatchObject({ qaScore: null, qaPassed: null, scorecard: null });

    const rows = await t.dataSource.query(`SELECT external_id, qa_score, qa_passed FROM handoff_reviews WHERE enrollment_id = $1 ORDER BY external_id`, [enrollment.id]);
    expect(rows).toEqual([
      { external_id: 'sc-all', qa_score: 100, qa_passed: true },
      { external_id: 'sc-critical', qa_score: 86, qa_passed: false },
      { external_id: 'sc-minor', qa_score: 86, qa_passed: true },
      { external_id: 'sc-none', qa_score: null, qa_passed: null },
    ]);
  });

  it('refuses an answer to a question the scorecard does not have, and changes nothing', async () => {
    const { supervisor, enrollment } = await setup();
    const r = await t.gql(RECORD, { input: review(enrollment.id, 'sc-unknown', 'SOLO', { scorecard: [...allPassed(), { key: 'WAS_POLITE', passed: true }] }) }, supervisor.token);
    expect(code(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/WAS_POLITE/);
    const twice = await t.gql(RECORD, { input: review(enrollment.id, 'sc-twice', 'SOLO', { scorecard: [...allPassed(), { key: 'CONTEXT_USED', passed: false }] }) }, supervisor.token);
    expect(code(twice)).toBe('BAD_USER_INPUT');
    expect(await t.dataSource.query(`SELECT id FROM handoff_reviews WHERE enrollment_id = $1`, [enrollment.id])).toEqual([]);
  });

  it('is pre-filled from the transcript on import, and left empty without one', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const base = {
      agent_email: trainee.email,
      handed_off_at: '2026-03-02T10:00:00Z',
      resolved: true,
      csat: 5,
      customer_name: 'Priya Raman',
      issue_summary: 'Charged twice for the April Premium subscription; wants the duplicate refunded.',
      known_facts: [{ label: 'order number', value: '#48213' }],
    };
    const asksAgain = [
      { at: '2026-03-02T09:59:00Z', speaker: 'CUSTOMER', text: 'I was charged twice for April!' },
      { at: '2026-03-02T10:00:50Z', speaker: 'AGENT', text: 'Hello! What is your order number?' },
      { at: '2026-03-02T10:01:30Z', speaker: 'CUSTOMER', text: 'I already gave it: #48213' },
      { at: '2026-03-02T10:02:00Z', speaker: 'AGENT', text: 'Thanks, refunding the double charge now.' },
    ];
    const file = [
      { ...base, conversation_id: 'imp-transcript', transcript: asksAgain },
      { ...base, conversation_id: 'imp-plain', first_response_at: '2026-03-02T10:00:30Z', context_items_used: 2, customer_repeated: false },
    ];
    const res = await fetch(`${t.url}/handoffs/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
      body: JSON.stringify(file),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const { enrollment: e } = await t.ok<{ enrollment: any }>(REVIEWS, { id: enrollment.id }, supervisor.token);
    const byId = Object.fromEntries(e.handoffReviews.map((r: any) => [r.externalId, r]));
    const withTranscript = byId['imp-transcript'];
    expect(withTranscript.scorecard.map((a: any) => a.key)).toEqual(DEFAULT_SCORECARD.map((i) => i.key));
    expect(withTranscript.scorecard).toContainEqual({ key: 'NOTHING_ASKED_AGAIN', passed: false, note: expect.stringMatching(/order number/) });
    expect(withTranscript.qaPassed).toBe(false); // a critical item failed
    expect(withTranscript.qaScore).toEqual(expect.any(Number));
    expect(byId['imp-plain']).toMatchObject({ scorecard: null, qaScore: null, qaPassed: null });

    // Importing the same file again changes nothing (the scorecard is part of the comparison).
    const again = await fetch(`${t.url}/handoffs/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
      body: JSON.stringify(file),
    });
    expect(await again.json()).toMatchObject({ imported: 0, replaced: 0, unchanged: 2 });
  });
});
