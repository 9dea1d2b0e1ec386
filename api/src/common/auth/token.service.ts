import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { BATON_CONFIG, type BatonConfig } from '../config/config.js';
import type { Actor } from './actor.js';
import { resolveJwtSecret } from './jwt-secret.js';

interface Claims {
  sub: string;
  role: Actor['role'];
  name: string;
}

@Injectable()
export class TokenService {
  private readonly secret: string;

  constructor(@Inject(BATON_CONFIG) private readonly config: BatonConfig) {
    this.secret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  }

  sign(actor: Actor): string {
    const claims: Claims = { sub: actor.id, role: actor.role, name: actor.name };
    return jwt.sign(claims, this.secret, {
      algorithm: 'HS256',
      expiresIn: this.config.jwtExpiresIn as jwt.SignOptions['expiresIn'],
      issuer: 'baton',
    });
  }

  /** The token's subject, or null for a missing, expired, tampered or foreign token. */
  verify(token: string): { userId: string } | null {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: 'baton' }) as jwt.JwtPayload;
      return typeof claims.sub === 'string' ? { userId: claims.sub } : null;
    } catch {
      return null;
    }
  }
}
