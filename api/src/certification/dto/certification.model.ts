import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ComparatorEnum, MetricCodeEnum } from '../../curriculum/dto/program.model.js';

@ObjectType('MetricValue')
export class MetricValueModel {
  @Field(() => MetricCodeEnum)
  code: MetricCodeEnum;

  @Field(() => String, { description: 'The metric in plain words.' })
  label: string;

  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field(() => Float)
  threshold: number;

  @Field(() => ComparatorEnum)
  comparator: ComparatorEnum;

  @Field(() => String)
  unit: string;

  @Field(() => Boolean)
  met: boolean;

  @Field(() => Int)
  sampleSize: number;
}

@ObjectType('Certificate')
export class CertificateModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  code: string;

  @Field(() => Date)
  issuedAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String)
  traineeName: string;

  @Field(() => String)
  programTitle: string;

  @Field(() => Date)
  expiresAt: Date;

  @Field(() => String)
  programVersion: string;

  @Field(() => Boolean, { description: 'Not revoked and not past its expiry.' })
  valid: boolean;

  @Field(() => Boolean, { description: 'Past its expiry date (it stays verifiable, as expired).' })
  expired: boolean;

  @Field(() => Int, { description: 'The certification cycle: 1 for the first certificate, then one more per recertification.' })
  cycle: number;

  @Field(() => [MetricValueModel], { description: 'The five metrics as they stood when the certificate was issued.' })
  metricsSnapshot: MetricValueModel[];
}

@ObjectType('CertificationStatus')
export class CertificationStatusModel {
  @Field(() => Boolean)
  eligible: boolean;

  @Field(() => [String])
  unmet: string[];

  @Field(() => [MetricValueModel])
  metrics: MetricValueModel[];

  @Field(() => Int)
  soloHandoffs: number;

  @Field(() => Int)
  minSoloHandoffs: number;

  @Field(() => CertificateModel, { nullable: true })
  certificate: CertificateModel | null;
}
