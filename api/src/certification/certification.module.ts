import { Global, Module } from '@nestjs/common';
import { CertificateFilesController } from './certificate-files.controller.js';
import { CertificationResolver } from './certification.resolver.js';
import { CertificationService } from './certification.service.js';

@Global()
@Module({ controllers: [CertificateFilesController], providers: [CertificationService, CertificationResolver], exports: [CertificationService] })
export class CertificationModule {}
