import type { MigrationInterface, QueryRunner } from "typeorm";

export class ShadowingAndRolePlay1795647380951 implements MigrationInterface {
    name = 'ShadowingAndRolePlay1795647380951'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "shadowing_observations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "situation" text NOT NULL, "did_well" text NOT NULL, "would_change" text NOT NULL, "logged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_59fd02a18f6170be67e7263092e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "shadowing_observations_enrollment_activity_idx" ON "shadowing_observations"  ("enrollment_id", "activity_id") `);
        await queryRunner.query(`CREATE TABLE "role_play_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrollment_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "brief_key" text NOT NULL, "status" text NOT NULL DEFAULT 'INVITED', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "card_opened_at" TIMESTAMP WITH TIME ZONE, "first_response_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "customer_rating" integer, "rated_at" TIMESTAMP WITH TIME ZONE, "opening_score" integer, "opening_checks" jsonb, CONSTRAINT "role_play_sessions_partner_check" CHECK ("customer_id" <> "agent_id"), CONSTRAINT "role_play_sessions_rating_check" CHECK ("customer_rating" IS NULL OR "customer_rating" BETWEEN 1 AND 5), CONSTRAINT "role_play_sessions_status_check" CHECK ("status" IN ('INVITED','LIVE','ENDED')), CONSTRAINT "PK_7f43a39187282591fc6adff2636" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "role_play_sessions_customer_idx" ON "role_play_sessions"  ("customer_id") `);
        await queryRunner.query(`CREATE INDEX "role_play_sessions_enrollment_idx" ON "role_play_sessions"  ("enrollment_id") `);
        await queryRunner.query(`CREATE TABLE "role_play_messages" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "session_id" uuid NOT NULL, "side" text NOT NULL, "body" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "role_play_messages_side_check" CHECK ("side" IN ('AGENT','CUSTOMER')), CONSTRAINT "PK_e0b0afbec5ecb4a6008018078e8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "role_play_messages_session_idx" ON "role_play_messages"  ("session_id", "id") `);
        await queryRunner.query(`ALTER TABLE "shadowing_observations" ADD CONSTRAINT "FK_baefb88d18a119a1a7b1d5c0456" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "shadowing_observations" ADD CONSTRAINT "FK_1bcf82f653c4df3ee8d27b92384" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" ADD CONSTRAINT "FK_c8f71d0eacdb5a3f44094742b7b" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" ADD CONSTRAINT "FK_baa5846a2e69aaba76268ccc110" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" ADD CONSTRAINT "FK_39257c6314079e9487aa54b34d2" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" ADD CONSTRAINT "FK_c4b2cb68c9150a2821f39246d41" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_play_messages" ADD CONSTRAINT "FK_d1410bf3d9f744ab5e056291535" FOREIGN KEY ("session_id") REFERENCES "role_play_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "role_play_messages" DROP CONSTRAINT "FK_d1410bf3d9f744ab5e056291535"`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" DROP CONSTRAINT "FK_c4b2cb68c9150a2821f39246d41"`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" DROP CONSTRAINT "FK_39257c6314079e9487aa54b34d2"`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" DROP CONSTRAINT "FK_baa5846a2e69aaba76268ccc110"`);
        await queryRunner.query(`ALTER TABLE "role_play_sessions" DROP CONSTRAINT "FK_c8f71d0eacdb5a3f44094742b7b"`);
        await queryRunner.query(`ALTER TABLE "shadowing_observations" DROP CONSTRAINT "FK_1bcf82f653c4df3ee8d27b92384"`);
        await queryRunner.query(`ALTER TABLE "shadowing_observations" DROP CONSTRAINT "FK_baefb88d18a119a1a7b1d5c0456"`);
        await queryRunner.query(`DROP INDEX "public"."role_play_messages_session_idx"`);
        await queryRunner.query(`DROP TABLE "role_play_messages"`);
        await queryRunner.query(`DROP INDEX "public"."role_play_sessions_enrollment_idx"`);
        await queryRunner.query(`DROP INDEX "public"."role_play_sessions_customer_idx"`);
        await queryRunner.query(`DROP TABLE "role_play_sessions"`);
        await queryRunner.query(`DROP INDEX "public"."shadowing_observations_enrollment_activity_idx"`);
        await queryRunner.query(`DROP TABLE "shadowing_observations"`);
    }

}
