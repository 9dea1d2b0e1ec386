import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules the database itself enforces that TypeORM's generator cannot express: case-insensitive
 * unique emails, append-only tables (audit log, sign-offs) and published program versions that are
 * never edited (enrollments are pinned to them), guarded by triggers.
 */
const PUBLISHED_TABLES = ['program_versions', 'weeks', 'activities'];

export class RulesInTheDatabase1795645181600 implements MigrationInterface {
  name = 'RulesInTheDatabase1795645181600';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" (lower("email"))`);
    await q.query(`
      CREATE FUNCTION baton_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (published once, never edited): % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(
      `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION baton_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION baton_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER "sign_offs_append_only" BEFORE UPDATE OR DELETE ON "sign_offs" FOR EACH ROW EXECUTE FUNCTION baton_refuse_change()`,
    );
    for (const table of PUBLISHED_TABLES) {
      await q.query(
        `CREATE TRIGGER "${table}_published_once" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION baton_refuse_change()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of PUBLISHED_TABLES) await q.query(`DROP TRIGGER "${table}_published_once" ON "${table}"`);
    await q.query(`DROP TRIGGER "sign_offs_append_only" ON "sign_offs"`);
    await q.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await q.query(`DROP TRIGGER "audit_log_append_only" ON "audit_log"`);
    await q.query(`DROP FUNCTION baton_refuse_change()`);
    await q.query(`DROP INDEX "users_email_lower_unique"`);
  }
}
