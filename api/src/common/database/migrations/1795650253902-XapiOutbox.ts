import type { MigrationInterface, QueryRunner } from "typeorm";

export class XapiOutbox1795650253902 implements MigrationInterface {
    name = 'XapiOutbox1795650253902'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "xapi_outbox" ("statement_id" uuid NOT NULL, "statement" jsonb NOT NULL, "event_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_attempt_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "last_error" text, CONSTRAINT "xapi_outbox_outcome_check" CHECK ("sent_at" IS NULL OR "failed_at" IS NULL), CONSTRAINT "xapi_outbox_attempts_check" CHECK ("attempts" >= 0), CONSTRAINT "PK_4dcbe3cd95b25e22b208f4c2702" PRIMARY KEY ("statement_id"))`);
        await queryRunner.query(`CREATE INDEX "xapi_outbox_event_at_idx" ON "xapi_outbox"  ("event_at") `);
        await queryRunner.query(`CREATE INDEX "xapi_outbox_due_idx" ON "xapi_outbox"  ("next_attempt_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."xapi_outbox_due_idx"`);
        await queryRunner.query(`DROP INDEX "public"."xapi_outbox_event_at_idx"`);
        await queryRunner.query(`DROP TABLE "xapi_outbox"`);
    }

}
