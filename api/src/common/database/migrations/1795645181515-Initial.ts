import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795645181515 implements MigrationInterface {
    name = 'Initial1795645181515'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "reason" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "audit_log_entity_idx" ON "audit_log"  ("entity_type", "entity_id") `);
        await queryRunner.query(`CREATE TABLE "programs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "programs_key_unique" UNIQUE ("key"), CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "program_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "version" text NOT NULL, "content_hash" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "min_solo_handoffs" integer NOT NULL, "validity_months" integer NOT NULL, "targets" jsonb NOT NULL, "content" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "program_versions_hash_unique" UNIQUE ("program_id", "content_hash"), CONSTRAINT "PK_94b1b7078f28d4141e17343e84d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "employee_id" text, "password_hash" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_role_check" CHECK ("role" IN ('TRAINEE','SUPERVISOR','HR','ADMIN')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "cohorts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "program_version_id" uuid NOT NULL, "starts_on" date NOT NULL, "time_zone" text NOT NULL DEFAULT 'UTC', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd38f76b135e907b834fda1e752" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "enrollments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trainee_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "program_version_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'ACTIVE', "percent_complete" double precision NOT NULL DEFAULT '0', "current_week" integer NOT NULL DEFAULT '1', "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "enrollments_trainee_cohort_unique" UNIQUE ("trainee_id", "cohort_id"), CONSTRAINT "enrollments_percent_check" CHECK ("percent_complete" >= 0 AND "percent_complete" <= 100), CONSTRAINT "enrollments_status_check" CHECK ("status" IN ('ACTIVE','COMPLETED','CERTIFIED','WITHDRAWN')), CONSTRAINT "PK_7c0f752f9fb68bf6ed7367ab00f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "enrollments_trainee_idx" ON "enrollments"  ("trainee_id") `);
        await queryRunner.query(`CREATE INDEX "enrollments_cohort_idx" ON "enrollments"  ("cohort_id") `);
        await queryRunner.query(`CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "cycle" integer NOT NULL DEFAULT '1', "code" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by" uuid NOT NULL, "trainee_name" text NOT NULL, "program_title" text NOT NULL, "program_version_id" uuid NOT NULL, "metrics_snapshot" jsonb NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, CONSTRAINT "certificates_code_unique" UNIQUE ("code"), CONSTRAINT "certificates_enrollment_cycle_unique" UNIQUE ("enrollment_id", "cycle"), CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "cohort_supervisors" ("cohort_id" uuid NOT NULL, "supervisor_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1ee56c5dd13c6d266149547306" PRIMARY KEY ("cohort_id", "supervisor_id"))`);
        await queryRunner.query(`CREATE INDEX "cohort_supervisors_supervisor_idx" ON "cohort_supervisors"  ("supervisor_id") `);
        await queryRunner.query(`CREATE TABLE "weeks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_version_id" uuid NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, CONSTRAINT "weeks_version_number_unique" UNIQUE ("program_version_id", "number"), CONSTRAINT "PK_003488ee2ca80ef0c85a02a8065" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_version_id" uuid NOT NULL, "week_id" uuid NOT NULL, "week_number" integer NOT NULL, "position" integer NOT NULL, "key" text NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "minutes" integer NOT NULL, "requires_sign_off" boolean NOT NULL, "config" jsonb NOT NULL, CONSTRAINT "activities_version_key_unique" UNIQUE ("program_version_id", "key"), CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "activities_week_idx" ON "activities"  ("week_id") `);
        await queryRunner.query(`CREATE TABLE "attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "submitted_at" TIMESTAMP WITH TIME ZONE, "score" double precision, "passed" boolean, "prompt" jsonb NOT NULL DEFAULT '{}', "secret" jsonb NOT NULL DEFAULT '{}', "answers" jsonb, "review" jsonb, "feedback" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_295ca261e361fd2fd217754dcac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "attempts_enrollment_activity_idx" ON "attempts"  ("enrollment_id", "activity_id") `);
        await queryRunner.query(`CREATE TABLE "activity_progress" ("enrollment_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "status" text NOT NULL, "best_score" double precision, "completed_at" TIMESTAMP WITH TIME ZONE, "overridden" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activity_progress_status_check" CHECK ("status" IN ('LOCKED','AVAILABLE','IN_PROGRESS','AWAITING_SIGN_OFF','COMPLETED')), CONSTRAINT "PK_0a3f17374eeebf725aec82b0b56" PRIMARY KEY ("enrollment_id", "activity_id"))`);
        await queryRunner.query(`CREATE TABLE "completion_overrides" ("enrollment_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "reason" text NOT NULL, "overridden_by" uuid NOT NULL, "overridden_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_a682f0f1de6817c3ca9379d8ecb" PRIMARY KEY ("enrollment_id", "activity_id"))`);
        await queryRunner.query(`CREATE TABLE "enrollment_weeks" ("enrollment_id" uuid NOT NULL, "week_number" integer NOT NULL, "unlocked_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0949f93eaf0c370847d4a687adf" PRIMARY KEY ("enrollment_id", "week_number"))`);
        await queryRunner.query(`CREATE TABLE "handoff_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "external_id" text NOT NULL, "mode" text NOT NULL, "handed_off_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_response_at" TIMESTAMP WITH TIME ZONE NOT NULL, "context_items_available" integer NOT NULL, "context_items_used" integer NOT NULL, "customer_repeated" boolean NOT NULL, "csat" integer, "resolved" boolean NOT NULL, "notes" text, "reviewer_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "handoff_reviews_enrollment_external_unique" UNIQUE ("enrollment_id", "external_id"), CONSTRAINT "handoff_reviews_csat_check" CHECK ("csat" IS NULL OR "csat" BETWEEN 1 AND 5), CONSTRAINT "handoff_reviews_context_check" CHECK ("context_items_available" >= 0 AND "context_items_used" BETWEEN 0 AND "context_items_available"), CONSTRAINT "handoff_reviews_times_check" CHECK ("first_response_at" >= "handed_off_at"), CONSTRAINT "handoff_reviews_mode_check" CHECK ("mode" IN ('SUPERVISED','SOLO')), CONSTRAINT "PK_0b98945ee2740f492330ff1699e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "handoff_reviews_enrollment_mode_idx" ON "handoff_reviews"  ("enrollment_id", "mode") `);
        await queryRunner.query(`CREATE TABLE "sign_offs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "supervisor_id" uuid NOT NULL, "decision" text NOT NULL, "comment" text, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "sign_offs_comment_check" CHECK ("decision" = 'APPROVED' OR length(btrim(coalesce("comment", ''))) > 0), CONSTRAINT "sign_offs_decision_check" CHECK ("decision" IN ('APPROVED','CHANGES_REQUESTED')), CONSTRAINT "PK_00d1fe9643faa90273baa47a664" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sign_offs_enrollment_activity_idx" ON "sign_offs"  ("enrollment_id", "activity_id", "signed_at") `);
        await queryRunner.query(`ALTER TABLE "program_versions" ADD CONSTRAINT "FK_f952716771d598134c9f1d20e04" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cohorts" ADD CONSTRAINT "FK_8eb7fdf2001b80e0b2df14f4848" FOREIGN KEY ("program_version_id") REFERENCES "program_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD CONSTRAINT "FK_3a684182a8000acd3404766d0c4" FOREIGN KEY ("trainee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD CONSTRAINT "FK_66dbba19e66e25c3814f80b6478" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD CONSTRAINT "FK_a87ea2c491665c2cb30c15cb2da" FOREIGN KEY ("program_version_id") REFERENCES "program_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_f0f3773b2ccb7811da9ccd63d94" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_254f3859dcd4d99b0213f90d754" FOREIGN KEY ("issued_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_eea50f021debdeeefd350c33542" FOREIGN KEY ("program_version_id") REFERENCES "program_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cohort_supervisors" ADD CONSTRAINT "FK_fb28e845b321dad0ff6b7a7e0b4" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cohort_supervisors" ADD CONSTRAINT "FK_1d919ed00b3de9e046dcbc2d24a" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "weeks" ADD CONSTRAINT "FK_6345101e1412a65126b85949cc1" FOREIGN KEY ("program_version_id") REFERENCES "program_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_3993f19d6c35fa16223e5241692" FOREIGN KEY ("program_version_id") REFERENCES "program_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_c54acfafdeba6728f7f23b06d95" FOREIGN KEY ("week_id") REFERENCES "weeks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attempts" ADD CONSTRAINT "FK_83f382cd2d932b670d4105dc513" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attempts" ADD CONSTRAINT "FK_ab4a662548d2264c4d1e391f319" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activity_progress" ADD CONSTRAINT "FK_370b9eebc3f61519dfcce2dc8a6" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activity_progress" ADD CONSTRAINT "FK_63f1159a898c208f25b7d172c4c" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "completion_overrides" ADD CONSTRAINT "FK_1c029f66574b9562d993b0e63ce" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "completion_overrides" ADD CONSTRAINT "FK_6b02d4c5020dfe1815c862f9129" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "completion_overrides" ADD CONSTRAINT "FK_3404393d7b0cfeb9e5a6c4e197d" FOREIGN KEY ("overridden_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enrollment_weeks" ADD CONSTRAINT "FK_acbb320c0b95c0e811e25264b1a" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD CONSTRAINT "FK_9471c1ca08e40e6b32bb5fa7d14" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD CONSTRAINT "FK_5f11bc2b49727c874f56cf10d8e" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sign_offs" ADD CONSTRAINT "FK_82d1cb9a0e7c275d9ce2f6ea5fc" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sign_offs" ADD CONSTRAINT "FK_5de4a46bc15c9b079f7224a63ad" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sign_offs" ADD CONSTRAINT "FK_26142d16ba32ca142578ece44fd" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sign_offs" DROP CONSTRAINT "FK_26142d16ba32ca142578ece44fd"`);
        await queryRunner.query(`ALTER TABLE "sign_offs" DROP CONSTRAINT "FK_5de4a46bc15c9b079f7224a63ad"`);
        await queryRunner.query(`ALTER TABLE "sign_offs" DROP CONSTRAINT "FK_82d1cb9a0e7c275d9ce2f6ea5fc"`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP CONSTRAINT "FK_5f11bc2b49727c874f56cf10d8e"`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP CONSTRAINT "FK_9471c1ca08e40e6b32bb5fa7d14"`);
        await queryRunner.query(`ALTER TABLE "enrollment_weeks" DROP CONSTRAINT "FK_acbb320c0b95c0e811e25264b1a"`);
        await queryRunner.query(`ALTER TABLE "completion_overrides" DROP CONSTRAINT "FK_3404393d7b0cfeb9e5a6c4e197d"`);
        await queryRunner.query(`ALTER TABLE "completion_overrides" DROP CONSTRAINT "FK_6b02d4c5020dfe1815c862f9129"`);
        await queryRunner.query(`ALTER TABLE "completion_overrides" DROP CONSTRAINT "FK_1c029f66574b9562d993b0e63ce"`);
        await queryRunner.query(`ALTER TABLE "activity_progress" DROP CONSTRAINT "FK_63f1159a898c208f25b7d172c4c"`);
        await queryRunner.query(`ALTER TABLE "activity_progress" DROP CONSTRAINT "FK_370b9eebc3f61519dfcce2dc8a6"`);
        await queryRunner.query(`ALTER TABLE "attempts" DROP CONSTRAINT "FK_ab4a662548d2264c4d1e391f319"`);
        await queryRunner.query(`ALTER TABLE "attempts" DROP CONSTRAINT "FK_83f382cd2d932b670d4105dc513"`);
        await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_c54acfafdeba6728f7f23b06d95"`);
        await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_3993f19d6c35fa16223e5241692"`);
        await queryRunner.query(`ALTER TABLE "weeks" DROP CONSTRAINT "FK_6345101e1412a65126b85949cc1"`);
        await queryRunner.query(`ALTER TABLE "cohort_supervisors" DROP CONSTRAINT "FK_1d919ed00b3de9e046dcbc2d24a"`);
        await queryRunner.query(`ALTER TABLE "cohort_supervisors" DROP CONSTRAINT "FK_fb28e845b321dad0ff6b7a7e0b4"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_eea50f021debdeeefd350c33542"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_254f3859dcd4d99b0213f90d754"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_f0f3773b2ccb7811da9ccd63d94"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_a87ea2c491665c2cb30c15cb2da"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_66dbba19e66e25c3814f80b6478"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP CONSTRAINT "FK_3a684182a8000acd3404766d0c4"`);
        await queryRunner.query(`ALTER TABLE "cohorts" DROP CONSTRAINT "FK_8eb7fdf2001b80e0b2df14f4848"`);
        await queryRunner.query(`ALTER TABLE "program_versions" DROP CONSTRAINT "FK_f952716771d598134c9f1d20e04"`);
        await queryRunner.query(`DROP INDEX "public"."sign_offs_enrollment_activity_idx"`);
        await queryRunner.query(`DROP TABLE "sign_offs"`);
        await queryRunner.query(`DROP INDEX "public"."handoff_reviews_enrollment_mode_idx"`);
        await queryRunner.query(`DROP TABLE "handoff_reviews"`);
        await queryRunner.query(`DROP TABLE "enrollment_weeks"`);
        await queryRunner.query(`DROP TABLE "completion_overrides"`);
        await queryRunner.query(`DROP TABLE "activity_progress"`);
        await queryRunner.query(`DROP INDEX "public"."attempts_enrollment_activity_idx"`);
        await queryRunner.query(`DROP TABLE "attempts"`);
        await queryRunner.query(`DROP INDEX "public"."activities_week_idx"`);
        await queryRunner.query(`DROP TABLE "activities"`);
        await queryRunner.query(`DROP TABLE "weeks"`);
        await queryRunner.query(`DROP INDEX "public"."cohort_supervisors_supervisor_idx"`);
        await queryRunner.query(`DROP TABLE "cohort_supervisors"`);
        await queryRunner.query(`DROP TABLE "certificates"`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_cohort_idx"`);
        await queryRunner.query(`DROP INDEX "public"."enrollments_trainee_idx"`);
        await queryRunner.query(`DROP TABLE "enrollments"`);
        await queryRunner.query(`DROP TABLE "cohorts"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP TABLE "program_versions"`);
        await queryRunner.query(`DROP TABLE "programs"`);
        await queryRunner.query(`DROP INDEX "public"."audit_log_entity_idx"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
    }

}
