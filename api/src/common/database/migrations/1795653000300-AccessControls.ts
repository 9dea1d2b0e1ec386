import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions (logout, revocation) and the shared login throttle
 * (docs/decisions/014-access-controls.md).
 */
export class AccessControls1795653000300 implements MigrationInterface {
  name = 'AccessControls1795653000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "sessions_expires_idx" ON "sessions" ("expires_at")`);
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // In the database, so every path that changes a password or deactivates an account (ensureAdmin,
    // a future admin screen, an operator's SQL) ends that person's sessions.
    await queryRunner.query(`
      CREATE FUNCTION baton_revoke_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sessions SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "users_revoke_sessions" AFTER UPDATE OF "password_hash", "active" ON "users" FOR EACH ROW
         WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.active AND NOT NEW.active))
         EXECUTE FUNCTION baton_revoke_sessions()`,
    );
    // rate-limiter-flexible's RateLimiterPostgres table, created here rather than by the library at
    // run time; not an entity, since only the library reads and writes it.
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP TRIGGER "users_revoke_sessions" ON "users"`);
    await queryRunner.query(`DROP FUNCTION baton_revoke_sessions()`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
