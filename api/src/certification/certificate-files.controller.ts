import { Controller, Get, Inject, Logger, Param, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/decorators.js';
import { BATON_CONFIG, type BatonConfig } from '../common/config/config.js';
import { notFound } from '../common/errors/domain-error.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import { certificatePdf } from './certificate-pdf.js';
import { CertificationService } from './certification.service.js';
import { buildAchievementCredential, verificationUrl } from './domain/credential.js';
import type { Certificate } from './entities/certificate.entity.js';

/**
 * The certificate as files, public like verifyCertificate (CONTRACT.md "Exports"): the Open Badges
 * 3.0 credential and the printable PDF. An unknown code is a 404 (DomainErrorFilter); a revoked
 * certificate is still served, marked revoked, so a verifier sees why it no longer counts.
 */
@Controller('certificates')
export class CertificateFilesController {
  private readonly logger = new Logger('CertificateFiles');

  constructor(
    private readonly certification: CertificationService,
    private readonly curriculum: CurriculumService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  @Public()
  @Get(':code/credential.json')
  async credential(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const certificate = await this.find(code);
    const version = await this.curriculum.versionRow(certificate.programVersionId);
    // Only hashed into the credential (an OB3 IdentityObject), never sent as is.
    const [trainee] = await this.dataSource.query(
      `SELECT u.email FROM enrollments e JOIN users u ON u.id = e.trainee_id WHERE e.id = $1`,
      [certificate.enrollmentId],
    );
    const credential = buildAchievementCredential({
      certificate,
      program: { description: version.description, version: version.version, targets: version.targets, minSoloHandoffs: version.minSoloHandoffs },
      traineeEmail: trainee?.email ?? null,
      publicUrl: this.config.publicUrl,
    });
    res
      .status(200)
      .set({
        'Content-Type': 'application/ld+json; charset=utf-8',
        'Content-Disposition': `inline; filename="baton-credential-${certificate.code}.json"`,
        // Revocation must show without delay.
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Access-Control-Allow-Origin': '*',
      })
      .send(JSON.stringify(credential, null, 2));
  }

  @Public()
  @Get(':code/certificate.pdf')
  async pdf(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const certificate = await this.find(code);
    const doc = await certificatePdf({ ...certificate, verificationUrl: verificationUrl(this.config.publicUrl, certificate.code) });
    res.status(200).set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="baton-certificate-${certificate.code}.pdf"`,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await pipeline(doc, res);
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.error('Certificate PDF failed while streaming', e as Error);
      res.destroy();
    }
  }

  private async find(code: string): Promise<Certificate> {
    const certificate = await this.certification.verify(code);
    if (!certificate) throw notFound('Certificate');
    return certificate;
  }
}
