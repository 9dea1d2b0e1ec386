import type { MigrationInterface, QueryRunner } from "typeorm";

export class ReviewConversations1795652852168 implements MigrationInterface {
    name = 'ReviewConversations1795652852168'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "handoff_reviews" ADD "conversation" jsonb`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "handoff_reviews" DROP COLUMN "conversation"`);
    }

}
