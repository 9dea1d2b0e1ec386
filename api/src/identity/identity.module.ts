import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenService } from '../common/auth/token.service.js';
import { User } from './entities/user.entity.js';
import { IdentityResolver } from './identity.resolver.js';
import { IdentityService } from './identity.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { SessionsService } from './sessions.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [IdentityService, IdentityResolver, TokenService, SessionsService, LoginThrottle],
  exports: [IdentityService, TokenService, SessionsService, TypeOrmModule],
})
export class IdentityModule {}
