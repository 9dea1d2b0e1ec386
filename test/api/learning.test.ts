import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurriculumService } from '../../api/src/curriculum/curriculum.service.js';
import type { ProgramDefinition } from '../../api/src/curriculum/domain/program-definition.js';
import { factories } from '../support/factories.js';
import { ENROLLMENT_PROGRESS } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
let definition: ProgramDefinition;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
  const curriculum = t.api.app.get(CurriculumService);
  const program = await curriculum.latestByKey('ai-handoff');
  definition = (await curriculum.versionRow(program!.id)).content;
});
afterAll(() => t?.close());

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const START = `mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id startedAt submittedAt prompt activity { key } } }`;
const SUBMIT = `mutation($a: ID!, $answers: [AnswerInput!]!) { submitAttempt(attemptId: $a, answers: $answers) { id submittedAt score passed feedback review } }`;

async function setup() {
  const trainee = await f.trainee();
  const cohort = await f.cohort();
  const enrollment = await f.enroll(cohort.id, trainee.id);
  return { trainee, enrollment };
}

/** The right answers to a lesson's check-questions, from the program on the server. */
function rightAnswers(activityKey: string) {
  const activity = definition.weeks.flatMap((w) => w.activities).find((a) => a.key === activityKey)!;
  return activity.config.questions!.map((q) => ({
    questionKey: q.key,
    value: q.options.filter((o) => o.correct).map((o) => o.key).join(','),
  }));
}

describe('attempts', () => {
  it('grades a lesson on the server, keeps the answers out of the prompt, and completes the activity on a pass', async () => {
    const { trainee, enrollment } = await setup();
    const started = await t.ok(START, { e: enrollment.id, k: 'w1-why-handoffs' }, trainee.token);
    const attempt = started.startAttempt;
    expect(attempt.submittedAt).toBeNull();
    expect(JSON.stringify(attempt.prompt)).not.toMatch(/"correct"|explanation/);

    const progress = await t.ok(ENROLLMENT_PROGRESS, { id: enrollment.id }, trainee.token);
    expect(progress.enrollment.weeks[0].activities[0].status).toBe('IN_PROGRESS');

    const submitted = (await t.ok(SUBMIT, { a: attempt.id, answers: rightAnswers('w1-why-handoffs') }, trainee.token)).submitAttempt;
    expect(submitted).toMatchObject({ score: 100, passed: true });
    expect(submitted.feedback.length).toBeGreaterThan(0);
    expect(submitted.review).toBeTruthy();
    const after = await t.ok(ENROLLMENT_PROGRESS, { id: enrollment.id }, trainee.token);
    expect(after.enrollment.weeks[0].activities[0]).toMatchObject({ status: 'COMPLETED', bestScore: 100 });
  });

  it('keeps every attempt and counts the best one; a failed retake does not undo a pass', async () => {
    const { trainee, enrollment } = await setup();
    const first = (await t.ok(START, { e: enrollment.id, k: 'w1-why-handoffs' }, trainee.token)).startAttempt;
    await t.ok(SUBMIT, { a: first.id, answers: rightAnswers('w1-why-handoffs') }, trainee.token);
    const second = (await t.ok(START, { e: enrollment.id, k: 'w1-why-handoffs' }, trainee.token)).startAttempt;
    const failed = (await t.ok(SUBMIT, { a: second.id, answers: [] }, trainee.token)).submitAttempt;
    expect(failed.passed).toBe(false);
    const list = await t.ok(`query($e: ID!) { attempts(enrollmentId: $e, activityKey: "w1-why-handoffs") { id score } }`, { e: enrollment.id }, trainee.token);
    expect(list.attempts).toHaveLength(2);
    const after = await t.ok(ENROLLMENT_PROGRESS, { id: enrollment.id }, trainee.token);
    expect(after.enrollment.weeks[0].activities[0]).toMatchObject({ status: 'COMPLETED', bestScore: 100 });
  });

  it('refuses submitting twice, someone else’s attempt and malformed answers', async () => {
    const { trainee, enrollment } = await setup();
    const other = await setup();
    const attempt = (await t.ok(START, { e: enrollment.id, k: 'w1-why-handoffs' }, trainee.token)).startAttempt;
    expect(code(await t.gql(SUBMIT, { a: attempt.id, answers: [] }, other.trainee.token))).toBe('FORBIDDEN');
    await t.ok(SUBMIT, { a: attempt.id, answers: [] }, trainee.token);
    expect(code(await t.gql(SUBMIT, { a: attempt.id, answers: [] }, trainee.token))).toBe('CONFLICT');
    expect(code(await t.gql(START, { e: enrollment.id, k: 'w1-why-handoffs' }, other.trainee.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(SUBMIT, { a: '00000000-0000-4000-8000-000000000000', answers: [] }, trainee.token))).toBe('NOT_FOUND');
    const unknownQuestion = (await t.ok(START, { e: enrollment.id, k: 'w1-why-handoffs' }, trainee.token)).startAttempt;
    expect(code(await t.gql(SUBMIT, { a: unknownQuestion.id, answers: [{ questionKey: 'nope', value: 'a' }] }, trainee.token))).toBe('BAD_USER_INPUT');
  });

  it('measures the speed-reading time on the server, from start to submit', async () => {
    const { trainee, enrollment } = await setup();
    const attempt = (await t.ok(START, { e: enrollment.id, k: 'w1-speed-reading' }, trainee.token)).startAttempt;
    expect(attempt.prompt.card).toBeTruthy();
    // Pretend the trainee started 31 s ago: the server's clock decides, not the client's.
    await t.dataSource.query(`UPDATE attempts SET started_at = started_at - interval '31 seconds' WHERE id = $1`, [attempt.id]);
    const questions = attempt.prompt.questions as { key: string; options: { key: string }[] }[];
    const answers = questions.map((q) => ({ questionKey: q.key, value: q.options[0].key }));
    const r = (await t.ok(SUBMIT, { a: attempt.id, answers }, trainee.token)).submitAttempt;
    expect(r.passed).toBe(false);
    expect(r.feedback.join(' ')).toMatch(/3\d(\.\d+)? s/);
  });

  it('lists an enrollment’s attempts of one kind, newest first, for every enrollment in one statement', async () => {
    const { trainee, enrollment } = await setup();
    const started: string[] = [];
    for (let i = 0; i < 2; i++) started.push((await t.ok(START, { e: enrollment.id, k: 'w1-speed-reading' }, trainee.token)).startAttempt.id);
    await t.dataSource.query(`UPDATE attempts SET started_at = started_at - interval '1 minute' WHERE id = $1`, [started[0]]);
    const lesson = (await t.ok(START, { e: enrollment.id, k: 'w1-why-handoffs' }, trainee.token)).startAttempt;
    const HOME = `{ myEnrollments { id speed: attempts(kind: SPEED_READING) { id submittedAt activity { key kind } } cards: attempts(kind: SPEED_READING) { id prompt } lessons: attempts(kind: LESSON) { id } quizzes: attempts(kind: QUIZ) { id } } }`;
    const { myEnrollments } = await t.ok<{
      myEnrollments: { id: string; speed: { id: string; activity: { kind: string } }[]; cards: { id: string; prompt: { card?: unknown } }[]; lessons: { id: string }[]; quizzes: unknown[] }[];
    }>(
      HOME,
      {},
      trainee.token,
    );
    expect(myEnrollments).toHaveLength(1);
    expect(myEnrollments[0].speed.map((a) => a.id)).toEqual([started[1], started[0]]);
    expect(new Set(myEnrollments[0].speed.map((a) => a.activity.kind))).toEqual(new Set(['SPEED_READING']));
    // Asked for, the material comes too (read only then: a list of times does not need the cards).
    expect(myEnrollments[0].cards.map((a) => a.id)).toEqual([started[1], started[0]]);
    expect(myEnrollments[0].cards.every((a) => a.prompt.card)).toBe(true);
    expect(myEnrollments[0].lessons.map((a) => a.id)).toEqual([lesson.id]);
    expect(myEnrollments[0].quizzes).toEqual([]);

    // A supervisor reading the cohort sees them too; ten enrollments cost what one does.
    const supervisor = await f.supervisor();
    const cohort = await f.cohort({ supervisors: [supervisor] });
    for (let i = 0; i < 10; i++) {
      const other = await f.trainee();
      const e = await f.enroll(cohort.id, other.id);
      await t.ok(START, { e: e.id, k: 'w1-speed-reading' }, other.token);
    }
    const COHORT = `query($id: ID!) { cohort(id: $id) { enrollments { id attempts(kind: SPEED_READING) { id } } } }`;
    const { result, statements } = await t.countQueries(() =>
      t.ok<{ cohort: { enrollments: { attempts: unknown[] }[] } }>(COHORT, { id: cohort.id }, supervisor.token),
    );
    expect(result.cohort.enrollments.map((e) => e.attempts.length)).toEqual(Array(10).fill(1));
    expect(statements.filter((q) => /FROM "?attempts"? /.test(q))).toHaveLength(1); // the timeline statement
  });

  it('grades a first message with the ten opening checks', async () => {
    const { trainee, enrollment } = await setup();
    const attempt = (await t.ok(START, { e: enrollment.id, k: 'w1-first-message-drill' }, trainee.token)).startAttempt;
    const r = (await t.ok(SUBMIT, { a: attempt.id, answers: [{ questionKey: 'message', value: 'Hi, how can I help you today?' }] }, trainee.token)).submitAttempt;
    expect(r.passed).toBe(false);
    expect(r.feedback).toHaveLength(10);
  });
});

describe('analyzeOpening (public)', () => {
  it('answers without a token with all ten checks', async () => {
    const r = await t.ok(
      `query($input: OpeningAnalysisInput!) { analyzeOpening(input: $input) { passed score checks { code passed message } } }`,
      {
        input: {
          message: "Hi Priya, I'm Alex from billing. I can see the April Premium charge went through twice on order #48213, so I'm refunding the duplicate now; it will take about 2 minutes.",
          context: { customerName: 'Priya Raman', agentName: 'Alex', issueSummary: 'Charged twice for the April Premium subscription.', knownFacts: [{ label: 'order number', value: '#48213' }] },
        },
      },
    );
    expect(r.analyzeOpening.checks).toHaveLength(10);
    expect(r.analyzeOpening).toMatchObject({ passed: true, score: 100 });
  });
});
