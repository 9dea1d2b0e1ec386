import type { INestApplication } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { CertificationService } from '../certification/certification.service.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import type { ActivityDefinition, ProgramDefinition } from '../curriculum/domain/program-definition.js';
import { gradeAttempt, prepareAttempt, type AttemptAnswer, type GradeResult } from '../learning/domain/activity-graders.js';
import { analyzeOpening } from '../grading/domain/opening-grader.js';
import type { Activity } from '../curriculum/entities/activity.entity.js';
import type { RoleEnum } from '../identity/dto/user.model.js';
import type { User } from '../identity/entities/user.entity.js';
import { IdentityService } from '../identity/identity.service.js';
import { ProgressService } from '../progress/progress.service.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  note: string;
}

export const DEMO_PASSWORD = 'handoff-demo-2026';
const PROGRAM_KEY = 'ai-handoff';
const DAY = 86_400_000;

/** A trainee's history, described by how far they got. */
interface Stage {
  email: string;
  name: string;
  employeeId: string;
  note: string;
  /** Activities fully completed, in program order. */
  completed: number;
  /** What happens to the next activity after those. */
  next?: 'started' | 'awaiting' | 'changes-requested';
  supervisedReviews?: number;
  soloReviews?: number;
  /** Solo reviews that miss targets (slow, repeat, low CSAT, unresolved). */
  weakSolo?: boolean;
  certify?: boolean;
}

/**
 * Loads a realistic demo into a new database: an admin, two supervisors, an HR user and a cohort
 * of trainees at different points of the three weeks, with attempts, sign-offs and handoff
 * reviews backdated over the cohort's calendar. History is written as it would have been recorded
 * (events plus a progress recompute); certification goes through the real service.
 */
export async function seedDemo(app: INestApplication): Promise<DemoLogin[]> {
  const dataSource = app.get(DataSource);
  const identity = app.get(IdentityService);
  const cohorts = app.get(CohortsService);
  const curriculum = app.get(CurriculumService);
  const progress = app.get(ProgressService);
  const certification = app.get(CertificationService);
  const audit = app.get(AuditService);

  const existing = await identity.list();
  if (existing.some((u) => u.email.toLowerCase() === 'admin@baton.example')) return demoLogins();

  const user = (email: string, name: string, role: string, employeeId: string | null = null) =>
    identity.createUser(null, { email, name, role: role as RoleEnum, password: DEMO_PASSWORD, employeeId });
  const admin = await user('admin@baton.example', 'Alex Admin', 'ADMIN');
  const maya = await user('maya.okafor@baton.example', 'Maya Okafor', 'SUPERVISOR', 'SUP-014');
  const luis = await user('luis.fernandez@baton.example', 'Luis Fernández', 'SUPERVISOR', 'SUP-022');
  await user('hana.sato@baton.example', 'Hana Sato', 'HR', 'HR-003');
  const adminActor = actorOf(admin);
  const mayaActor = actorOf(maya);

  const today = new Date();
  const startA = dateOnly(new Date(today.getTime() - 18 * DAY));
  const startB = dateOnly(new Date(today.getTime() + 10 * DAY));
  const cohortA = await cohorts.create(adminActor, { name: 'November intake — Support EMEA', programKey: PROGRAM_KEY, startsOn: startA, timeZone: 'Europe/London' });
  const cohortB = await cohorts.create(adminActor, { name: 'December intake — Support Americas', programKey: PROGRAM_KEY, startsOn: startB, timeZone: 'America/New_York' });
  await cohorts.assignSupervisor(adminActor, cohortA.id, maya.id);
  await cohorts.assignSupervisor(adminActor, cohortB.id, luis.id);

  const activities = await curriculum.activitiesOf(cohortA.programVersionId);
  const stages: Stage[] = [
    { email: 'amara.diallo@baton.example', name: 'Amara Diallo', employeeId: 'E-1041', note: 'week 1, first lessons done', completed: 2, next: 'started' },
    { email: 'ben.carter@baton.example', name: 'Ben Carter', employeeId: 'E-1042', note: 'week 1, shadowing awaits sign-off', completed: indexOfKind(activities, 'SHADOWING'), next: 'awaiting' },
    { email: 'gabe.morris@baton.example', name: 'Gabe Morris', employeeId: 'E-1047', note: 'week 1, shadowing sent back', completed: indexOfKind(activities, 'SHADOWING'), next: 'changes-requested' },
    { email: 'chloe.nguyen@baton.example', name: 'Chloe Nguyen', employeeId: 'E-1043', note: 'week 2, role-play awaits sign-off', completed: indexOfKind(activities, 'ROLE_PLAY'), next: 'awaiting', supervisedReviews: 4 },
    { email: 'dev.patel@baton.example', name: 'Dev Patel', employeeId: 'E-1044', note: 'week 3, 12 solo handoffs, metrics not met', completed: indexOfKind(activities, 'SOLO_HANDOFFS'), next: 'awaiting', supervisedReviews: 10, soloReviews: 12, weakSolo: true },
    { email: 'elena.rossi@baton.example', name: 'Elena Rossi', employeeId: 'E-1045', note: 'eligible for certification', completed: activities.length, supervisedReviews: 10, soloReviews: 22 },
    { email: 'farah.haddad@baton.example', name: 'Farah Haddad', employeeId: 'E-1046', note: 'certified', completed: activities.length, supervisedReviews: 10, soloReviews: 24, certify: true },
  ];

  // Role-play partners: the trainee before in the list, or the supervisor for the first one.
  const traineeIds: string[] = [];
  const partnerFor = (i: number) => ({ id: traineeIds[i - 1] ?? maya.id, agentId: traineeIds[i] });
  for (const [i, stage] of stages.entries()) {
    const trainee = await user(stage.email, stage.name, 'TRAINEE', stage.employeeId);
    traineeIds.push(trainee.id);
    const enrollment = await cohorts.enroll(adminActor, cohortA.id, trainee.id);
    const start = new Date(`${startA}T09:00:00Z`).getTime() + i * 3_600_000;
    await dataSource.transaction(async (m) => {
      await m.query(`UPDATE enrollments SET enrolled_at = $2 WHERE id = $1`, [enrollment.id, new Date(start)]);
      const clock = new Clock(start);
      for (const activity of activities.slice(0, stage.completed)) {
        await doOwnWork(m, enrollment.id, activity, clock, stage, partnerFor(i));
        if (activity.requiresSignOff) await signOff(m, audit, enrollment.id, activity, maya.id, 'APPROVED', null, clock.tick(6));
      }
      const next = activities[stage.completed];
      if (next && stage.next) {
        if (stage.next === 'started') await insertAttempt(m, enrollment.id, next, clock.tick(3), false);
        else await doOwnWork(m, enrollment.id, next, clock, stage, partnerFor(i));
        if (stage.next === 'changes-requested') {
          await signOff(m, audit, enrollment.id, next, maya.id, 'CHANGES_REQUESTED',
            'Good detail on what the agent did well. For each observation, add what you would do differently — one concrete change, not "nothing".', clock.tick(5));
        }
      }
      await progress.recompute(m, enrollment.id);
    });
    if (stage.certify) await certification.issue(mayaActor, enrollment.id);
  }

  for (const [email, name, employeeId] of [
    ['ines.moreau@baton.example', 'Inès Moreau', 'E-1101'],
    ['jamal.wright@baton.example', 'Jamal Wright', 'E-1102'],
  ]) {
    const trainee = await user(email, name, 'TRAINEE', employeeId);
    await cohorts.enroll(adminActor, cohortB.id, trainee.id);
  }
  return demoLogins();
}

function demoLogins(): DemoLogin[] {
  return [
    { role: 'ADMIN', email: 'admin@baton.example', password: DEMO_PASSWORD, note: 'users, cohorts, enrolment' },
    { role: 'SUPERVISOR', email: 'maya.okafor@baton.example', password: DEMO_PASSWORD, note: 'November intake' },
    { role: 'SUPERVISOR', email: 'luis.fernandez@baton.example', password: DEMO_PASSWORD, note: 'December intake' },
    { role: 'HR', email: 'hana.sato@baton.example', password: DEMO_PASSWORD, note: 'records and exports' },
    { role: 'TRAINEE', email: 'amara.diallo@baton.example', password: DEMO_PASSWORD, note: 'week 1, just started' },
    { role: 'TRAINEE', email: 'chloe.nguyen@baton.example', password: DEMO_PASSWORD, note: 'week 2' },
    { role: 'TRAINEE', email: 'elena.rossi@baton.example', password: DEMO_PASSWORD, note: 'eligible for certification' },
  ];
}

const actorOf = (u: User): Actor => ({ id: u.id, role: u.role, name: u.name });
const dateOnly = (d: Date) => d.toISOString().slice(0, 10);
const indexOfKind = (activities: Activity[], kind: string) => Math.max(0, activities.findIndex((a) => a.kind === kind));

/** Backdated time that moves forward as history is written, never past now. */
class Clock {
  constructor(private t: number) {}
  tick(hours: number): Date {
    this.t = Math.min(this.t + hours * 3_600_000, Date.now() - 60_000);
    return new Date(this.t);
  }
}

async function doOwnWork(m: EntityManager, enrollmentId: string, activity: Activity, clock: Clock, stage: Stage, partner: { id: string; agentId: string }) {
  switch (activity.kind) {
    case 'SUPERVISED_HANDOFFS':
      return insertReviews(m, enrollmentId, 'SUPERVISED', stage.supervisedReviews ?? 3, clock, false);
    case 'SOLO_HANDOFFS':
      return insertReviews(m, enrollmentId, 'SOLO', stage.soloReviews ?? 0, clock, !!stage.weakSolo);
    case 'SHADOWING':
      return insertObservations(m, enrollmentId, activity, activity.config.minimumCount ?? 5, clock);
    case 'ROLE_PLAY':
      return insertRolePlay(m, enrollmentId, activity, partner, clock);
    default: {
      return insertAttempt(m, enrollmentId, activity, clock.tick(4), true);
    }
  }
}

const OBSERVATIONS = [
  ['Billing escalation: customer charged twice, already angry with the assistant.', 'Opened with the name, the double charge and "two minutes"; never asked for the order number.', 'I would confirm the refund reached the card before closing.'],
  ['Delivery delay on a premium order, customer anxious about a birthday.', 'Acknowledged the date that mattered and offered a concrete courier option.', 'Give a time estimate before going quiet to call the courier.'],
  ['Account locked after a lost phone; the AI could not verify identity.', 'Explained why a person was needed and what she would check, step by step.', 'Skip the second apology and move straight to the verification.'],
  ['VIP customer with an outage affecting the whole office.', 'Took ownership by name and gave a callback time; narrated every check.', 'Summarise the facts the AI collected in the first message.'],
  ['After-hours ticket: follow-up on a damaged parcel.', 'Referred to the overnight chat and asked if now was a good time.', 'Offer the replacement first, then the refund, as the customer hinted.'],
  ['Plan upgrade mid-cycle, customer confused by pro-rating.', 'Used the plan and dates from the card; explained the maths in one line.', 'Ask "does that answer it?" before closing.'],
];

async function insertObservations(m: EntityManager, enrollmentId: string, activity: Activity, count: number, clock: Clock) {
  for (let i = 0; i < count; i++) {
    const at = clock.tick(5);
    const [situation, didWell, wouldChange] = OBSERVATIONS[i % OBSERVATIONS.length];
    await m.query(
      `INSERT INTO shadowing_observations (enrollment_id, activity_id, observed_at, situation, did_well, would_change, logged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [enrollmentId, activity.id, new Date(at.getTime() - 3_600_000), situation, didWell, wouldChange, at],
    );
  }
}

async function insertRolePlay(m: EntityManager, enrollmentId: string, activity: Activity, partner: { id: string; agentId: string }, clock: Clock) {
  const [{ content }] = await m.query(`SELECT content FROM program_versions WHERE id = $1`, [activity.programVersionId]);
  const program = content as ProgramDefinition;
  const brief = [...program.rolePlayBriefs].sort((a, b) => a.key.localeCompare(b.key))[0];
  const card = program.cards.find((c) => c.key === brief.cardKey)!;
  const [agent] = await m.query(`SELECT name FROM users WHERE id = $1`, [partner.agentId]);
  const agentName = agent.name.split(' ')[0];
  const customerFirstName = card.customerName.split(' ')[0];
  const opening = `Hi ${customerFirstName}, I'm ${agentName} and I've read your conversation with our assistant about ${card.escalationReason.toLowerCase()}. I'm checking your account now and will have an answer for you in two minutes.`;
  const graded = analyzeOpening(opening, { customerName: card.customerName, agentName, issueSummary: card.summary, knownFacts: card.knownFacts });

  const opened = clock.tick(2);
  const at = (seconds: number) => new Date(opened.getTime() + seconds * 1000);
  const [session] = await m.query(
    `INSERT INTO role_play_sessions (enrollment_id, activity_id, agent_id, customer_id, brief_key, status, created_at, card_opened_at,
       first_response_at, ended_at, customer_rating, rated_at, opening_score, opening_checks)
     VALUES ($1, $2, $3, $4, $5, 'ENDED', $6, $6, $7, $8, 5, $8, $9, $10) RETURNING id`,
    [enrollmentId, activity.id, partner.agentId, partner.id, brief.key, opened, at(38), at(600), graded.score, JSON.stringify(graded.checks)],
  );
  const lines: [number, 'AGENT' | 'CUSTOMER', string][] = [
    [38, 'AGENT', opening],
    [70, 'CUSTOMER', 'Fine, but this is the third time I am explaining this.'],
    [95, 'AGENT', 'You will not need to explain again. I can see everything you told the assistant, and I am fixing it now.'],
    [560, 'AGENT', 'Done: it is sorted on our side. Does everything look right to you now?'],
    [590, 'CUSTOMER', 'Yes, that works. Thank you.'],
  ];
  for (const [seconds, side, body] of lines) {
    await m.query(`INSERT INTO role_play_messages (session_id, side, body, sent_at) VALUES ($1, $2, $3, $4)`, [session.id, side, body, at(seconds)]);
  }
}

/**
 * A real attempt: the material is drawn and graded by the same graders trainees meet, with the
 * right answers (a passing attempt) or none yet (one left in progress).
 */
async function insertAttempt(m: EntityManager, enrollmentId: string, activity: Activity, startedAt: Date, finish: boolean) {
  const [{ content }] = await m.query(`SELECT content FROM program_versions WHERE id = $1`, [activity.programVersionId]);
  const program = content as ProgramDefinition;
  const definition: ActivityDefinition = {
    key: activity.key,
    kind: activity.kind,
    title: activity.title,
    summary: activity.summary,
    requiresSignOff: activity.requiresSignOff,
    minutes: activity.minutes,
    config: activity.config,
  };
  const prepared = prepareAttempt(definition, program, `${enrollmentId}:${activity.key}`);
  let graded: GradeResult | null = null;
  let seconds = 0;
  if (finish) {
    // Speed reading is timed: a believable 14–27 s; other work takes part of its estimate.
    seconds = activity.kind === 'SPEED_READING' ? 14 + (startedAt.getUTCMinutes() % 14) : Math.round(activity.minutes * 60 * 0.7);
    graded = gradeAttempt(definition, program, prepared, rightAnswers(prepared.secret), seconds);
  }
  await m.query(
    `INSERT INTO attempts (enrollment_id, activity_id, started_at, submitted_at, score, passed, prompt, secret, answers, feedback, review)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      enrollmentId,
      activity.id,
      startedAt,
      graded ? new Date(startedAt.getTime() + seconds * 1000) : null,
      graded?.score ?? null,
      graded?.passed ?? null,
      JSON.stringify(prepared.prompt),
      JSON.stringify(prepared.secret),
      graded ? JSON.stringify(rightAnswers(prepared.secret)) : null,
      JSON.stringify(graded?.feedback ?? []),
      graded ? JSON.stringify(graded.review ?? null) : null,
    ],
  );
}

/** The answers that pass a prepared attempt, read from its server-side secret. */
function rightAnswers(secret: Record<string, unknown>): AttemptAnswer[] {
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  switch (secret.kind) {
    case 'LESSON':
    case 'QUIZ':
      return list(secret.questions).map((q) => ({
        questionKey: String(q.key),
        value: list(q.options).filter((o) => o.correct).map((o) => String(o.key)).join(','),
      }));
    case 'SPEED_READING':
      return list(secret.questions).map((q) => ({ questionKey: String(q.key), value: String(q.correctKey) }));
    case 'FIRST_MESSAGE':
      return [{ questionKey: 'message', value: String(secret.exampleOpening) }];
    case 'ERROR_SPOTTING':
      return list(secret.mistakes).map((x) => ({ questionKey: `turn:${x.turn}`, value: String(x.code) }));
    default:
      return [];
  }
}

async function insertReviews(m: EntityManager, enrollmentId: string, mode: 'SOLO' | 'SUPERVISED', count: number, clock: Clock, weak: boolean) {
  for (let i = 0; i < count; i++) {
    const handedOffAt = clock.tick(3);
    // A strong trainee answers in 20–50 s, uses every fact, rarely leaves anything unresolved.
    const ttfr = weak ? 45 + ((i * 17) % 50) : 20 + ((i * 13) % 31);
    const available = 3 + (i % 3);
    const used = weak && i % 3 === 0 ? available - 1 : available;
    await m.query(
      `INSERT INTO handoff_reviews (enrollment_id, external_id, mode, handed_off_at, first_response_at, context_items_available,
         context_items_used, customer_repeated, csat, resolved, notes, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        enrollmentId,
        `demo-${mode.toLowerCase()}-${enrollmentId.slice(0, 8)}-${i + 1}`,
        mode,
        handedOffAt,
        new Date(handedOffAt.getTime() + ttfr * 1000),
        available,
        used,
        weak && i % 4 === 1,
        weak ? 3 + (i % 3) : i % 5 === 4 ? 4 : 5,
        weak ? i % 5 !== 0 : true,
        null,
        new Date(handedOffAt.getTime() + 3_600_000),
      ],
    );
  }
}

async function signOff(
  m: EntityManager,
  audit: AuditService,
  enrollmentId: string,
  activity: Activity,
  supervisorId: string,
  decision: 'APPROVED' | 'CHANGES_REQUESTED',
  comment: string | null,
  at: Date,
) {
  const [row] = await m.query(
    `INSERT INTO sign_offs (enrollment_id, activity_id, supervisor_id, decision, comment, signed_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [enrollmentId, activity.id, supervisorId, decision, comment, at],
  );
  await audit.record(m, {
    actorId: supervisorId,
    action: 'SIGN_OFF',
    entityType: 'enrollment',
    entityId: enrollmentId,
    reason: comment,
    details: { activityKey: activity.key, decision, signOffId: row.id, demo: true },
  });
}
