import type { MigrationInterface, QueryRunner } from "typeorm";

// The QA scorecard of a handoff review: its answers, score and pass/fail (qa/domain/scorecard.ts).
export class QaScorecards1795650142043 implements MigrationInterface {
    name = 'QaScorecards1795650142043'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD "scorecard" jsonb`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD "qa_score" integer`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD "qa_passed" boolean`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD CONSTRAINT "handoff_reviews_qa_score_check" CHECK ("qa_score" IS NULL OR "qa_score" BETWEEN 0 AND 100)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP CONSTRAINT "handoff_reviews_qa_score_check"`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP COLUMN "qa_passed"`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP COLUMN "qa_score"`);
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP COLUMN "scorecard"`);
    }

}
