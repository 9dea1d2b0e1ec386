import type { Role } from '../../identity/entities/user.entity.js';

/** Who is making a request, as the services see it. */
export interface Actor {
  id: string;
  role: Role;
  name: string;
}
