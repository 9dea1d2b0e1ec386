import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { notFound } from '../common/errors/domain-error.js';
import type { ActivityKindEnum, ActivityModel, ComparatorEnum, MetricCodeEnum, ProgramModel, WeekModel } from './dto/program.model.js';
import type { LoadedProgram, ScorecardItem } from './domain/program-definition.js';
import { DEFAULT_SCORECARD } from '../qa/domain/scorecard.js';
import { loadCurriculum } from './domain/curriculum-loader.js';
import { Activity } from './entities/activity.entity.js';
import { ProgramVersion } from './entities/program-version.entity.js';
import { Program } from './entities/program.entity.js';
import { Week } from './entities/week.entity.js';

export interface PublishResult {
  programKey: string;
  version: string;
  versionId: string;
  published: boolean;
}

/**
 * Publishes the curriculum files as immutable program versions and serves them. Versions never
 * change once written, so they are cached in memory for the life of the process.
 */
@Injectable()
export class CurriculumService {
  private readonly logger = new Logger('Curriculum');
  private readonly versions = new Map<string, { model: ProgramModel; activities: Activity[]; version: ProgramVersion }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Loads curriculum/ and publishes it as a new version when its content hash is new. */
  async publishFromDirectory(dir: string): Promise<PublishResult> {
    const result = await this.publish(await loadCurriculum(dir));
    // Every version is cached from the start: a cache miss inside a transaction reads through a
    // second connection, which on the embedded database (one connection) waits forever. Right
    // after a restart, issueCertificate or overrideCompletion as the first request did just that.
    const versions: { id: string }[] = await this.dataSource.query(`SELECT id FROM program_versions`);
    await this.ensureCached(versions.map((v) => v.id));
    return result;
  }

  async publish(loaded: LoadedProgram): Promise<PublishResult> {
    const { definition: def } = loaded;
    return this.dataSource.transaction(async (m) => {
      // Two processes starting together race here: ON CONFLICT plus the unique constraints make
      // the second one find the first one's rows instead of failing or publishing twice.
      await m.query(`INSERT INTO programs (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`, [def.key]);
      const [program] = await m.query(`SELECT id FROM programs WHERE key = $1`, [def.key]);
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO program_versions (program_id, version, content_hash, title, description, min_solo_handoffs, validity_months, targets, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (program_id, content_hash) DO NOTHING RETURNING id`,
        [
          program.id,
          loaded.version,
          loaded.contentHash,
          def.title,
          def.description,
          def.minSoloHandoffs,
          def.validityMonths,
          JSON.stringify(def.targets),
          JSON.stringify(def),
        ],
      );
      if (inserted.length === 0) {
        const [existing] = await m.query(`SELECT id FROM program_versions WHERE program_id = $1 AND content_hash = $2`, [
          program.id,
          loaded.contentHash,
        ]);
        return { programKey: def.key, version: loaded.version, versionId: existing.id, published: false };
      }
      const versionId = inserted[0].id;
      for (const week of def.weeks) {
        const saved = await m.save(Week, m.create(Week, { programVersionId: versionId, number: week.number, title: week.title, summary: week.summary }));
        await m.insert(
          Activity,
          week.activities.map((a, position) => ({
            programVersionId: versionId,
            weekId: saved.id,
            weekNumber: week.number,
            position,
            key: a.key,
            kind: a.kind,
            title: a.title,
            summary: a.summary,
            minutes: a.minutes,
            requiresSignOff: a.requiresSignOff,
            config: a.config,
          })),
        );
      }
      this.logger.log(`Published ${def.key} version ${loaded.version}`);
      return { programKey: def.key, version: loaded.version, versionId, published: true };
    });
  }

  async listLatest(): Promise<ProgramModel[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (program_id) id FROM program_versions ORDER BY program_id, published_at DESC, id`,
    );
    return this.versionModels(rows.map((r) => r.id));
  }

  async latestByKey(key: string): Promise<ProgramModel | null> {
    const [row] = await this.dataSource.query(
      `SELECT v.id FROM program_versions v JOIN programs p ON p.id = v.program_id
       WHERE p.key = $1 ORDER BY v.published_at DESC, v.id LIMIT 1`,
      [key],
    );
    return row ? (await this.versionModels([row.id]))[0] : null;
  }

  async versionModels(ids: readonly string[]): Promise<ProgramModel[]> {
    await this.ensureCached(ids);
    return ids.map((id) => {
      const cached = this.versions.get(id);
      if (!cached) throw notFound('Program version');
      return cached.model;
    });
  }

  async activitiesOf(versionId: string): Promise<Activity[]> {
    await this.ensureCached([versionId]);
    const cached = this.versions.get(versionId);
    if (!cached) throw notFound('Program version');
    return cached.activities;
  }

  async versionRow(versionId: string): Promise<ProgramVersion> {
    await this.ensureCached([versionId]);
    const cached = this.versions.get(versionId);
    if (!cached) throw notFound('Program version');
    return cached.version;
  }

  /** The version's QA scorecard (versions published before scorecards existed get the default one). */
  async scorecardOf(versionId: string): Promise<ScorecardItem[]> {
    return (await this.versionModels([versionId]))[0].scorecard;
  }

  async activityByKey(versionId: string, key: string): Promise<Activity> {
    const activity = (await this.activitiesOf(versionId)).find((a) => a.key === key);
    if (!activity) throw notFound(`Activity "${key}"`);
    return activity;
  }

  async activityById(id: string): Promise<Activity | undefined> {
    for (const v of this.versions.values()) {
      const a = v.activities.find((x) => x.id === id);
      if (a) return a;
    }
    const row = await this.dataSource.getRepository(Activity).findOneBy({ id });
    if (!row) return undefined;
    await this.ensureCached([row.programVersionId]);
    return this.versions.get(row.programVersionId)?.activities.find((a) => a.id === id);
  }

  private async ensureCached(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.versions.has(id) && isUuid(id));
    if (missing.length === 0) return;
    const [versions, weeks, activities] = await Promise.all([
      this.dataSource.getRepository(ProgramVersion).find({ where: { id: In(missing) }, relations: { program: true } }),
      this.dataSource.getRepository(Week).find({ where: { programVersionId: In(missing) }, order: { number: 'ASC' } }),
      this.dataSource
        .getRepository(Activity)
        .find({ where: { programVersionId: In(missing) }, order: { weekNumber: 'ASC', position: 'ASC' } }),
    ]);
    for (const v of versions) {
      const own = activities.filter((a) => a.programVersionId === v.id);
      const weekModels: WeekModel[] = weeks
        .filter((w) => w.programVersionId === v.id)
        .map((w) => ({
          number: w.number,
          title: w.title,
          summary: w.summary,
          activities: own.filter((a) => a.weekNumber === w.number).map(toActivityModel),
        }));
      const model: ProgramModel = {
        id: v.id,
        key: v.program.key,
        version: v.version,
        title: v.title,
        description: v.description,
        weeks: weekModels,
        targets: v.targets.map((t) => ({
          code: t.code as MetricCodeEnum,
          comparator: t.comparator as ComparatorEnum,
          threshold: t.threshold,
          unit: t.unit,
        })),
        scorecard: scorecardOf(v),
        minSoloHandoffs: v.minSoloHandoffs,
        validityMonths: v.validityMonths,
        publishedAt: v.publishedAt,
      };
      this.versions.set(v.id, { model, activities: own, version: v });
    }
  }
}

function scorecardOf(v: ProgramVersion): ScorecardItem[] {
  const items = Array.isArray(v.content?.scorecard) ? v.content.scorecard : DEFAULT_SCORECARD;
  return items.map((i) => ({ key: i.key, question: i.question, critical: i.critical }));
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function toActivityModel(a: Activity): ActivityModel {
  return {
    id: a.id,
    key: a.key,
    kind: a.kind as ActivityKindEnum,
    title: a.title,
    weekNumber: a.weekNumber,
    requiresSignOff: a.requiresSignOff,
    summary: a.summary,
    minutes: a.minutes,
  };
}
