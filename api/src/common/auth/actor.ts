import type { Role } from '../../identity/entities/user.entity.js';

/** Who is making a request, as the services see it. */
export interface Actor {
  id: string;
  role: Role;
  name: string;
  /** The signed-in session (the token's jti); absent for actors the system makes up (seeding, tests). */
  sessionId?: string;
}

/** A bearer token's verified claims: whose it is and which server-side session it belongs to. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}
