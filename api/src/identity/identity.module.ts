import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenService } from '../common/auth/token.service.js';
import { User } from './entities/user.entity.js';
import { IdentityResolver } from './identity.resolver.js';
import { IdentityService } from './identity.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [IdentityService, IdentityResolver, TokenService],
  exports: [IdentityService, TokenService, TypeOrmModule],
})
export class IdentityModule {}
