import { Global, Module } from '@nestjs/common';
import { CertificationResolver } from './certification.resolver.js';
import { CertificationService } from './certification.service.js';

@Global()
@Module({ providers: [CertificationService, CertificationResolver], exports: [CertificationService] })
export class CertificationModule {}
