import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { AccessService } from '../cohorts/access.service.js';
import { Enrollment } from '../cohorts/entities/enrollment.entity.js';
import { CurriculumService, isUuid } from '../curriculum/curriculum.service.js';
import type { ProgramDefinition } from '../curriculum/domain/program-definition.js';
import { analyzeOpening } from '../grading/domain/opening-grader.js';
import { User } from '../identity/entities/user.entity.js';
import { ActivityProgress } from '../progress/entities/activity-progress.entity.js';
import { ProgressService } from '../progress/progress.service.js';
import { agentCard, chooseBrief, customerView, firstNameOf, MESSAGE_MAX, sendRefusal, type Side } from './domain/role-play-rules.js';
import { RolePlayMessage } from './entities/role-play-message.entity.js';
import { RolePlaySession } from './entities/role-play-session.entity.js';

export interface SessionView {
  session: RolePlaySession;
  side: Side;
  card: ReturnType<typeof agentCard> | null;
  customerBrief: ReturnType<typeof customerView> | null;
  debrief: string | null;
}

@Injectable()
export class RolePlayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly access: AccessService,
  ) {}

  /** The agent (a trainee) invites a partner: another trainee of the cohort or one of its supervisors. */
  async start(actor: Actor, enrollmentId: string, activityKey: string, partnerId: string): Promise<RolePlaySession> {
    const enrollment = await this.access.ownActiveEnrollment(actor, enrollmentId, 'start its role-play');
    const activity = await this.curriculum.activityByKey(enrollment.programVersionId, activityKey);
    if (activity.kind !== 'ROLE_PLAY') throw badInput(`"${activity.title}" is not a role-play.`, { field: 'activityKey' });
    if (!(await this.isPartnerOption(enrollment, partnerId))) {
      throw badInput('Choose a partner from your cohort: another trainee, or one of its supervisors.', { field: 'partnerId' });
    }
    const version = await this.curriculum.versionRow(enrollment.programVersionId);
    return this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, enrollment.id);
      const state = await m.findOneBy(ActivityProgress, { enrollmentId: enrollment.id, activityId: activity.id });
      if (!state || state.status === 'LOCKED') throw forbidden(`Week ${activity.weekNumber} is locked.`);
      const used: { brief_key: string }[] = await m.query(`SELECT brief_key FROM role_play_sessions WHERE enrollment_id = $1`, [enrollment.id]);
      const brief = chooseBrief(version.content, activity.config, randomInt(1_000_000), used.map((u) => u.brief_key));
      const session = await m.save(
        RolePlaySession,
        m.create(RolePlaySession, {
          enrollmentId: enrollment.id,
          activityId: activity.id,
          agentId: actor.id,
          customerId: partnerId,
          briefKey: brief.key,
        }),
      );
      return m.findOneByOrFail(RolePlaySession, { id: session.id });
    });
  }

  /** Opening the card starts the clock for the first response. */
  async openCard(actor: Actor, sessionId: string): Promise<RolePlaySession> {
    return this.inSession(actor, sessionId, async (m, session, side) => {
      if (side !== 'AGENT') throw forbidden('Only the agent opens the escalation card.');
      if (session.status === 'ENDED') throw conflict('This role-play has ended.');
      await m.query(
        `UPDATE role_play_sessions SET status = 'LIVE', card_opened_at = coalesce(card_opened_at, clock_timestamp()) WHERE id = $1`,
        [session.id],
      );
    });
  }

  async send(actor: Actor, sessionId: string, body: string): Promise<RolePlayMessage> {
    const text = body.trim();
    if (!text) throw badInput('Write a message first.', { field: 'body' });
    if ([...text].length > MESSAGE_MAX) throw badInput(`Keep a message under ${MESSAGE_MAX} characters.`, { field: 'body' });
    // Read outside the transaction: the embedded database has one connection, held by it.
    const program = isUuid(sessionId) ? await this.programOfSessionId(sessionId) : null;
    let message!: RolePlayMessage;
    await this.inSession(actor, sessionId, async (m, session, side) => {
      const refusal = sendRefusal(side, session);
      if (refusal) throw side === 'OBSERVER' ? forbidden(refusal) : badInput(refusal);
      message = await m.save(RolePlayMessage, m.create(RolePlayMessage, { sessionId: session.id, side: side as 'AGENT' | 'CUSTOMER', body: text }));
      message = await m.findOneByOrFail(RolePlayMessage, { id: message.id });
      if (side === 'AGENT' && !session.firstResponseAt) {
        const { card } = this.material(program!, session.briefKey);
        const [agent] = await m.query(`SELECT name FROM users WHERE id = $1`, [session.agentId]);
        const analysis = analyzeOpening(text, {
          customerName: card.customerName,
          agentName: firstNameOf(agent.name),
          issueSummary: card.summary,
          knownFacts: card.knownFacts,
        });
        await m.query(
          `UPDATE role_play_sessions SET first_response_at = $2, opening_score = $3, opening_checks = $4 WHERE id = $1`,
          [session.id, message.sentAt, analysis.score, JSON.stringify(analysis.checks)],
        );
      }
    });
    return message;
  }

  async end(actor: Actor, sessionId: string): Promise<RolePlaySession> {
    return this.inSession(actor, sessionId, async (m, session, side) => {
      if (side === 'OBSERVER') throw forbidden('Only the two players can end a role-play.');
      await m.query(`UPDATE role_play_sessions SET status = 'ENDED', ended_at = coalesce(ended_at, clock_timestamp()) WHERE id = $1`, [session.id]);
    });
  }

  /** The customer player's 1–5 rating closes the session; the agent's part is then done. */
  async rate(actor: Actor, sessionId: string, rating: number): Promise<RolePlaySession> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('Rate the agent from 1 to 5.', { field: 'rating' });
    return this.inSession(actor, sessionId, async (m, session, side) => {
      if (side !== 'CUSTOMER') throw forbidden('The customer player rates the session.');
      if (session.ratedAt) throw conflict('This role-play has already been rated.');
      await m.query(
        `UPDATE role_play_sessions SET status = 'ENDED', ended_at = coalesce(ended_at, clock_timestamp()), customer_rating = $2, rated_at = clock_timestamp() WHERE id = $1`,
        [session.id, rating],
      );
    });
  }

  async view(actor: Actor, sessionId: string): Promise<SessionView | null> {
    const session = isUuid(sessionId) ? await this.dataSource.getRepository(RolePlaySession).findOneBy({ id: sessionId }) : null;
    if (!session) return null;
    const side = await this.sideOf(actor, session);
    const program = await this.programOf(session);
    const { brief, card } = this.material(program, session.briefKey);
    const ended = session.status === 'ENDED';
    return {
      session,
      side,
      card: side === 'OBSERVER' || ended || (side === 'AGENT' && session.cardOpenedAt) ? agentCard(card) : null,
      customerBrief: side !== 'AGENT' || ended ? customerView(brief, card) : null,
      debrief: ended ? brief.debrief : null,
    };
  }

  messages(sessionId: string, afterId = '0'): Promise<RolePlayMessage[]> {
    return this.dataSource
      .getRepository(RolePlayMessage)
      .createQueryBuilder('m')
      .where('m.session_id = :sessionId AND m.id > :afterId', { sessionId, afterId })
      .orderBy('m.id', 'ASC')
      .getMany();
  }

  /** Sessions the actor plays in, newest first. */
  mine(actor: Actor): Promise<RolePlaySession[]> {
    return this.dataSource.getRepository(RolePlaySession).find({
      where: [{ agentId: actor.id }, { customerId: actor.id }],
      order: { createdAt: 'DESC' },
      take: 50,
    });
  }

  /** A trainee's role-plays, for the supervisor's sign-off. */
  async ofEnrollment(actor: Actor, enrollmentId: string): Promise<RolePlaySession[]> {
    const enrollment = await this.access.readableEnrollment(actor, enrollmentId);
    return this.dataSource.getRepository(RolePlaySession).find({ where: { enrollmentId: enrollment.id }, order: { createdAt: 'DESC' } });
  }

  /** Who the trainee can ask to play the customer. */
  async partnerOptions(actor: Actor, enrollmentId: string): Promise<User[]> {
    const enrollment = await this.access.readableEnrollment(actor, enrollmentId);
    return this.dataSource.query(
      `SELECT u.id, u.name, u.email, u.role, u.employee_id AS "employeeId", u.active
         FROM users u
        WHERE u.active AND u.id <> $2 AND (
              u.id IN (SELECT trainee_id FROM enrollments WHERE cohort_id = $1 AND status <> 'WITHDRAWN')
           OR u.id IN (SELECT supervisor_id FROM cohort_supervisors WHERE cohort_id = $1))
        ORDER BY u.role DESC, u.name`,
      [enrollment.cohortId, enrollment.traineeId],
    );
  }

  /** The side the actor plays in the session, or OBSERVER for those who may watch; else refused. */
  async sideOf(actor: Actor, session: RolePlaySession): Promise<Side> {
    if (session.agentId === actor.id) return 'AGENT';
    if (session.customerId === actor.id) return 'CUSTOMER';
    const enrollment = await this.dataSource.getRepository(Enrollment).findOneByOrFail({ id: session.enrollmentId });
    if (actor.role !== 'TRAINEE' && (await this.access.canReadEnrollment(actor, enrollment))) return 'OBSERVER';
    throw forbidden('This role-play is between two other people.');
  }

  private async isPartnerOption(enrollment: Enrollment, partnerId: string): Promise<boolean> {
    if (!isUuid(partnerId) || partnerId === enrollment.traineeId) return false;
    const rows = await this.dataSource.query(
      `SELECT 1 FROM users u WHERE u.id = $2 AND u.active AND (
          u.id IN (SELECT trainee_id FROM enrollments WHERE cohort_id = $1 AND status <> 'WITHDRAWN')
       OR u.id IN (SELECT supervisor_id FROM cohort_supervisors WHERE cohort_id = $1))`,
      [enrollment.cohortId, partnerId],
    );
    return rows.length > 0;
  }

  /** Runs a change under the agent enrollment's row lock and recomputes its progress. */
  private async inSession(
    actor: Actor,
    sessionId: string,
    change: (m: EntityManager, session: RolePlaySession, side: Side) => Promise<void>,
  ): Promise<RolePlaySession> {
    const found = isUuid(sessionId) ? await this.dataSource.getRepository(RolePlaySession).findOneBy({ id: sessionId }) : null;
    if (!found) throw notFound('Role-play');
    const side = await this.sideOf(actor, found);
    return this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, found.enrollmentId);
      const session = await m.findOneByOrFail(RolePlaySession, { id: found.id });
      await change(m, session, side);
      await this.progress.recompute(m, session.enrollmentId);
      return m.findOneByOrFail(RolePlaySession, { id: session.id });
    });
  }

  private async programOfSessionId(sessionId: string): Promise<ProgramDefinition | null> {
    const session = await this.dataSource.getRepository(RolePlaySession).findOneBy({ id: sessionId });
    return session && this.programOf(session);
  }

  private async programOf(session: RolePlaySession): Promise<ProgramDefinition> {
    const enrollment = await this.dataSource.getRepository(Enrollment).findOneByOrFail({ id: session.enrollmentId });
    return (await this.curriculum.versionRow(enrollment.programVersionId)).content;
  }

  private material(program: ProgramDefinition, briefKey: string) {
    const brief = program.rolePlayBriefs.find((b) => b.key === briefKey);
    const card = brief && program.cards.find((c) => c.key === brief.cardKey);
    if (!brief || !card) throw notFound(`Role-play brief "${briefKey}"`);
    return { brief, card };
  }
}
