import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { BATON_CONFIG, type BatonConfig } from '../config/config.js';
import type { Actor } from './actor.js';
import { resolveJwtSecret } from './jwt-secret.js';

interface Claims {
  sub: string;
  role: Actor['role'];
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TokenService {
  /**
   * A key object, made once: given a string, jsonwebtoken first tries it as a PEM public key on
   * every verify (a thrown and caught error each time), which cost more than the rest of a request.
   */
  private readonly secret: KeyObject;

  constructor(@Inject(BATON_CONFIG) private readonly config: BatonConfig) {
    this.secret = createSecretKey(Buffer.from(resolveJwtSecret(config.jwtSecret, config.dataDir), 'utf8'));
  }

  /** A token for this session (its id becomes the `jti`), with the moment it expires. */
  sign(actor: Actor, sessionId: string): { token: string; expiresAt: Date } {
    const claims: Claims = { sub: actor.id, role: actor.role, name: actor.name };
    const token = jwt.sign(claims, this.secret, {
      algorithm: 'HS256',
      expiresIn: this.config.jwtExpiresIn as jwt.SignOptions['expiresIn'],
      issuer: 'baton',
      jwtid: sessionId,
    });
    const { exp } = jwt.decode(token) as jwt.JwtPayload;
    return { token, expiresAt: new Date(exp! * 1000) };
  }

  /**
   * The token's subject and session, or null for a missing, expired, tampered, unsigned (alg none)
   * or foreign token, or one issued before sessions existed (no `jti`).
   */
  verify(token: string): { userId: string; sessionId: string } | null {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: 'baton' }) as jwt.JwtPayload;
      const { sub, jti } = claims;
      return typeof sub === 'string' && UUID.test(sub) && typeof jti === 'string' && UUID.test(jti) ? { userId: sub, sessionId: jti } : null;
    } catch {
      return null;
    }
  }
}
