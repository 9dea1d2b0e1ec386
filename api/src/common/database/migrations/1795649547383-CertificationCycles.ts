import type { MigrationInterface, QueryRunner } from "typeorm";

export class CertificationCycles1795649547383 implements MigrationInterface {
    name = 'CertificationCycles1795649547383'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "enrollments" ADD "certification_cycle" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE "enrollments" ADD "cycle_started_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "cycle_started_at"`);
        await queryRunner.query(`ALTER TABLE "enrollments" DROP COLUMN "certification_cycle"`);
    }

}
