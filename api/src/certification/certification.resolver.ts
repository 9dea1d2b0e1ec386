import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Public, Roles } from '../common/auth/decorators.js';
import { toCertificateModel } from './certificate.mapper.js';
import { CertificationService } from './certification.service.js';
import { CertificateModel } from './dto/certification.model.js';

@Resolver(() => CertificateModel)
export class CertificationResolver {
  constructor(private readonly certification: CertificationService) {}

  @Roles('SUPERVISOR', 'ADMIN')
  @Mutation(() => CertificateModel)
  async issueCertificate(@CurrentActor() actor: Actor, @Args('enrollmentId', { type: () => ID }) enrollmentId: string): Promise<CertificateModel> {
    const c = await this.certification.issue(actor, enrollmentId);
    return toCertificateModel(c, await this.certification.programVersionLabel(c.programVersionId));
  }

  @Roles('ADMIN')
  @Mutation(() => CertificateModel)
  async revokeCertificate(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<CertificateModel> {
    const c = await this.certification.revoke(actor, id, reason);
    return toCertificateModel(c, await this.certification.programVersionLabel(c.programVersionId));
  }

  @Roles('SUPERVISOR', 'ADMIN')
  @Mutation(() => Boolean, {
    description: 'Open a new certification cycle once the certificate has expired, been revoked or is within 90 days of expiry.',
  })
  async startRecertification(@CurrentActor() actor: Actor, @Args('enrollmentId', { type: () => ID }) enrollmentId: string): Promise<boolean> {
    await this.certification.startRecertification(actor, enrollmentId);
    return true;
  }

  @Public()
  @Query(() => CertificateModel, { nullable: true, description: 'Public: the certificate with this code, revoked or not; never an email.' })
  async verifyCertificate(@Args('code') code: string): Promise<CertificateModel | null> {
    const c = await this.certification.verify(code);
    return c && toCertificateModel(c, await this.certification.programVersionLabel(c.programVersionId));
  }
}
