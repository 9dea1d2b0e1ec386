import { Args, Query, Resolver } from '@nestjs/graphql';
import { ProgramModel } from './dto/program.model.js';
import { CurriculumService } from './curriculum.service.js';

@Resolver(() => ProgramModel)
export class CurriculumResolver {
  constructor(private readonly curriculum: CurriculumService) {}

  @Query(() => [ProgramModel], { description: 'The latest published version of every program.' })
  programs(): Promise<ProgramModel[]> {
    return this.curriculum.listLatest();
  }

  @Query(() => ProgramModel, { nullable: true, description: 'The latest published version of one program.' })
  program(@Args('key') key: string): Promise<ProgramModel | null> {
    return this.curriculum.latestByKey(key);
  }
}
