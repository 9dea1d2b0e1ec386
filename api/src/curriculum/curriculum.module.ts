import { Global, Module } from '@nestjs/common';
import { CurriculumResolver } from './curriculum.resolver.js';
import { CurriculumService } from './curriculum.service.js';

@Global()
@Module({ providers: [CurriculumService, CurriculumResolver], exports: [CurriculumService] })
export class CurriculumModule {}
