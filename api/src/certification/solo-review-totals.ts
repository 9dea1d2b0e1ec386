import type { EntityManager } from 'typeorm';

// solo_review_totals is kept by triggers on handoff_reviews (decision 018). A bulk import, which
// writes hundreds of batches in one transaction, switches them off for that transaction and
// recounts the enrollments it touched once before committing: the totals are right when anyone
// can see them, and no totals row is rewritten batch after batch.

/** For the rest of this transaction only (set_config's `is_local`), review writes leave the totals alone. */
export async function deferSoloReviewTotals(m: EntityManager): Promise<void> {
  await m.query(`SELECT set_config('baton.defer_solo_totals', 'on', true)`);
}

/** Counts these enrollments' totals from their reviews, and switches the triggers back on. */
export async function recountSoloReviewTotals(m: EntityManager, enrollmentIds: readonly string[]): Promise<void> {
  await m.query(`SELECT baton_recount_solo_totals($1::uuid[]), set_config('baton.defer_solo_totals', 'off', true)`, [enrollmentIds]);
}
