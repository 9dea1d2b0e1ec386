import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-enrollment running totals of the SOLO handoff reviews of the current certification cycle
 * (docs/decisions/018-solo-review-totals.md). Certification, the trainee home and the exports read
 * one row per enrollment here instead of grouping every review each time.
 *
 * Kept by triggers, so every write — a supervisor's review, an import, the webhook, an operator's
 * SQL, a COPY — updates the totals in its own transaction, and nothing can forget to. Sums, not
 * averages: numeric sums are exact under adding and subtracting, and each metric is the same
 * numeric division of them that the GROUP BY did, so the figures (and their 5% and 4.2 boundaries)
 * are unchanged.
 */

// The columns a review contributes, each with its sign: +1 for rows written, -1 for rows replaced or deleted.
const contribution = (sign: string) => `
  ${sign} AS reviews,
  ${sign} * extract(epoch FROM r.first_response_at - r.handed_off_at) AS first_response_seconds,
  ${sign} * r.context_items_used AS context_items_used,
  ${sign} * r.context_items_available AS context_items_available,
  ${sign} * (r.customer_repeated)::int AS repeated,
  ${sign} * coalesce(r.csat, 0) AS csat_sum,
  ${sign} * (r.csat IS NOT NULL)::int AS csat_count,
  ${sign} * (r.resolved)::int AS resolved`;

const COLUMN_NAMES = ['reviews', 'first_response_seconds', 'context_items_used', 'context_items_available', 'repeated', 'csat_sum', 'csat_count', 'resolved'];
const COLUMNS = COLUMN_NAMES.join(', ');
const SUMS = COLUMN_NAMES.map((c) => `sum(d.${c})`).join(', ');
const ADD = COLUMN_NAMES.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');
// A delta that changes nothing (say, an update of a review's notes) writes no row.
const ANY_CHANGE = COLUMN_NAMES.map((c) => `sum(d.${c}) <> 0`).join(' OR ');

// No CHECK on the counts: PostgreSQL checks the row an upsert proposes before it finds the conflict,
// and a delta row (say -1 review) is negative by design. test/api/solo-review-totals.test.ts holds
// the totals to the GROUP BY instead.

/**
 * Adds the deltas of the reviews in `source` (a union of transition tables) to the totals. Only
 * SOLO reviews handed off in the enrollment's current cycle count, as in the GROUP BY it replaces.
 * The enrollments are share-locked in id order first: the app's writers already hold them (every
 * review is written under the enrollment's row lock), and for any other writer it orders the
 * change after a concurrent recertification, so the cycle it filters by is the committed one.
 */
const applyDelta = (source: string) => `
    PERFORM 1 FROM enrollments WHERE id IN (SELECT enrollment_id FROM (${source}) s) ORDER BY id FOR SHARE;
    INSERT INTO solo_review_totals AS t (enrollment_id, ${COLUMNS})
    SELECT d.enrollment_id, ${SUMS}
      FROM (${source}) d
     GROUP BY d.enrollment_id
    HAVING ${ANY_CHANGE}
     ORDER BY d.enrollment_id
    ON CONFLICT (enrollment_id) DO UPDATE SET ${ADD};`;

const rows = (table: string, sign: string) => `
  SELECT r.enrollment_id, ${contribution(sign)}
    FROM ${table} r JOIN enrollments e ON e.id = r.enrollment_id
   WHERE r.mode = 'SOLO' AND r.handed_off_at >= coalesce(e.cycle_started_at, '-infinity')`;

/**
 * The totals of some enrollments counted from scratch, as a database function: the backfill, a new
 * certification cycle and the end of a bulk import (see below) all use it.
 */
const RECOUNT_FUNCTION = `
  CREATE FUNCTION baton_recount_solo_totals(ids uuid[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM solo_review_totals WHERE enrollment_id = ANY(ids);
    INSERT INTO solo_review_totals (enrollment_id, ${COLUMNS})
    SELECT d.enrollment_id, ${SUMS} FROM (${rows('handoff_reviews', '1')} AND r.enrollment_id = ANY(ids) AND e.id = ANY(ids)) d
     GROUP BY d.enrollment_id;
  $$`;

export class SoloReviewTotals1795660000000 implements MigrationInterface {
  name = 'SoloReviewTotals1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "solo_review_totals" (
         "enrollment_id" uuid NOT NULL,
         "reviews" integer NOT NULL,
         "first_response_seconds" numeric NOT NULL,
         "context_items_used" bigint NOT NULL,
         "context_items_available" bigint NOT NULL,
         "repeated" integer NOT NULL,
         "csat_sum" bigint NOT NULL,
         "csat_count" integer NOT NULL,
         "resolved" integer NOT NULL,
         CONSTRAINT "PK_solo_review_totals" PRIMARY KEY ("enrollment_id"),
         CONSTRAINT "FK_solo_review_totals_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(RECOUNT_FUNCTION);
    await queryRunner.query(`
      CREATE FUNCTION baton_solo_totals_on_review() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A bulk import defers the totals and recounts the enrollments it touched once, at its end
        -- (handoff-import.service.ts): in one long transaction, updating the same totals rows batch
        -- after batch would pile up row versions that no vacuum can remove until it commits.
        IF current_setting('baton.defer_solo_totals', true) = 'on' THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          ${applyDelta(rows('new_reviews', '1'))}
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyDelta(`${rows('new_reviews', '1')} UNION ALL ${rows('old_reviews', '-1')}`)}
        ELSE
          ${applyDelta(rows('old_reviews', '-1'))}
        END IF;
        RETURN NULL;
      END $$`);
    // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
    await queryRunner.query(
      `CREATE TRIGGER "handoff_reviews_totals_insert" AFTER INSERT ON "handoff_reviews" REFERENCING NEW TABLE AS new_reviews
         FOR EACH STATEMENT EXECUTE FUNCTION baton_solo_totals_on_review()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "handoff_reviews_totals_update" AFTER UPDATE ON "handoff_reviews" REFERENCING OLD TABLE AS old_reviews NEW TABLE AS new_reviews
         FOR EACH STATEMENT EXECUTE FUNCTION baton_solo_totals_on_review()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "handoff_reviews_totals_delete" AFTER DELETE ON "handoff_reviews" REFERENCING OLD TABLE AS old_reviews
         FOR EACH STATEMENT EXECUTE FUNCTION baton_solo_totals_on_review()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION baton_solo_totals_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM solo_review_totals;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "handoff_reviews_totals_truncate" AFTER TRUNCATE ON "handoff_reviews" FOR EACH STATEMENT EXECUTE FUNCTION baton_solo_totals_on_truncate()`,
    );
    // A new certification cycle counts only the handoffs from its start: recount that enrollment.
    await queryRunner.query(`
      CREATE FUNCTION baton_solo_totals_on_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM baton_recount_solo_totals(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "enrollments_totals_cycle" AFTER UPDATE OF "cycle_started_at" ON "enrollments" FOR EACH ROW
         WHEN (NEW.cycle_started_at IS DISTINCT FROM OLD.cycle_started_at) EXECUTE FUNCTION baton_solo_totals_on_cycle()`,
    );
    await queryRunner.query(`SELECT baton_recount_solo_totals(ARRAY(SELECT id FROM enrollments))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "enrollments_totals_cycle" ON "enrollments"`);
    await queryRunner.query(`DROP FUNCTION baton_solo_totals_on_cycle()`);
    await queryRunner.query(`DROP TRIGGER "handoff_reviews_totals_truncate" ON "handoff_reviews"`);
    await queryRunner.query(`DROP FUNCTION baton_solo_totals_on_truncate()`);
    await queryRunner.query(`DROP TRIGGER "handoff_reviews_totals_delete" ON "handoff_reviews"`);
    await queryRunner.query(`DROP TRIGGER "handoff_reviews_totals_update" ON "handoff_reviews"`);
    await queryRunner.query(`DROP TRIGGER "handoff_reviews_totals_insert" ON "handoff_reviews"`);
    await queryRunner.query(`DROP FUNCTION baton_solo_totals_on_review()`);
    await queryRunner.query(`DROP FUNCTION baton_recount_solo_totals(uuid[])`);
    await queryRunner.query(`DROP TABLE "solo_review_totals"`);
  }
}
