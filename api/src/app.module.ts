import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module.js';
import { CertificationModule } from './certification/certification.module.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import { AuthGuard } from './common/auth/auth.guard.js';
import { BATON_CONFIG, type BatonConfig } from './common/config/config.js';
import { DomainErrorFilter } from './common/errors/domain-error.filter.js';
import { formatGraphQLError } from './common/errors/error-mapping.js';
import { CompiledExecution } from './common/graphql/compiled-execution.js';
import { inputLimitsPlugin } from './common/graphql/input-limits.js';
import { complexityLimitPlugin, depthLimitRule, MAX_TOKENS, noStorePlugin } from './common/graphql/query-limits.js';
import { CurriculumModule } from './curriculum/curriculum.module.js';
import { EnrollmentsModule } from './enrollments/enrollments.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { GradingModule } from './grading/grading.module.js';
import { HandoffImportModule } from './handoff-import/handoff-import.module.js';
import { HealthController } from './health/health.controller.js';
import { IdentityModule } from './identity/identity.module.js';
import { LearningModule } from './learning/learning.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { ProvisioningModule } from './provisioning/provisioning.module.js';
import { RolePlayModule } from './role-play/role-play.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';

export interface AppModuleOptions {
  config: BatonConfig;
  /** Already initialised and migrated (see openDatabase). */
  dataSource: DataSource;
  /** Write the generated schema here (scripts/schema-generate); otherwise it stays in memory. */
  schemaFile?: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, schemaFile }: AppModuleOptions): DynamicModule {
    const execution = new CompiledExecution();
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        // Nest's type leaves out `gateway` but hands every option to Apollo: see compiled-execution.ts.
        GraphQLModule.forRoot<ApolloDriverConfig & Pick<ApolloServerOptionsWithGateway<BaseContext>, 'gateway'>>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: schemaFile ?? true,
          sortSchema: true,
          playground: false,
          introspection: true,
          includeStacktraceInErrorResponses: false,
          // Apollo 5's default, stated so nobody turns it off: a browser cannot send a "simple"
          // cross-site GraphQL request with the user's credentials.
          csrfPrevention: true,
          parseOptions: { maxTokens: MAX_TOKENS },
          validationRules: [depthLimitRule(config.limits.maxDepth)],
          // The built-in cache-control plugin wraps every resolver for hints this schema never
          // gives; noStorePlugin keeps its one visible effect (query-limits.ts).
          plugins: [
            ApolloServerPluginCacheControlDisabled(),
            noStorePlugin,
            complexityLimitPlugin(config.limits.maxComplexity),
            inputLimitsPlugin(config.limits),
          ],
          context: ({ req }: { req: unknown }) => ({ req }),
          formatError: (formatted, error) => formatGraphQLError(formatted, error),
          buildSchemaOptions: { dateScalarMode: 'isoDate', numberScalarMode: 'float' },
          // Operations run compiled (graphql-jit) rather than interpreted: compiled-execution.ts.
          transformSchema: execution.captureSchema,
          gateway: execution.gateway,
        }),
        AuditModule,
        IdentityModule,
        CurriculumModule,
        CohortsModule,
        ProgressModule,
        SupervisionModule,
        CertificationModule,
        LearningModule,
        RolePlayModule,
        GradingModule,
        EnrollmentsModule,
        ProvisioningModule,
        HandoffImportModule,
        ExportsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: BATON_CONFIG, useValue: config },
        { provide: CompiledExecution, useValue: execution },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
      exports: [BATON_CONFIG],
      global: true,
    };
  }
}
