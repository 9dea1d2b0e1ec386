import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from '../common/auth/password.js';
import { badInput, conflict, DomainError, unauthenticated } from '../common/errors/domain-error.js';
import { isUniqueViolation } from '../common/database/pg-errors.js';
import type { CreateUserInput } from './dto/user.model.js';
import { User, type Role } from './entities/user.entity.js';
import { LoginThrottle } from './login-throttle.service.js';
import { SessionsService } from './sessions.service.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

@Injectable()
export class IdentityService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  /** `address` is the caller's IP (req.ip, X-Forwarded-For believed only from BATON_TRUST_PROXY). */
  async login(email: string, password: string, address?: string): Promise<{ token: string; user: User }> {
    await this.throttle.assertAllowed(email, address);
    const user = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: email.trim() }).getOne();
    // One scrypt check on every path (unknown email: the dummy hash; inactive account: its own
    // hash), so the time taken does not tell which accounts exist or are active.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await this.throttle.failed(email, address);
      throw unauthenticated('That email and password do not match an active account.');
    }
    await this.throttle.succeeded(email);
    return { token: await this.sessions.open(user), user };
  }

  /** Ends the caller's session server-side: the token is refused from the next request on. */
  async logout(actor: Actor): Promise<boolean> {
    return actor.sessionId ? this.sessions.revoke(actor.sessionId) : false;
  }

  async createUser(actor: Actor | null, input: CreateUserInput): Promise<User> {
    const email = input.email.trim();
    const name = input.name.trim();
    if (!EMAIL.test(email) || email.length > 254) throw badInput('Enter a valid email address.', { field: 'email' });
    if (!name || name.length > 200) throw badInput('Enter a name (at most 200 characters).', { field: 'name' });
    const problem = passwordProblem(input.password, email);
    if (problem) throw badInput(problem, { field: 'password' });
    const employeeId = input.employeeId?.trim() || null;
    if (employeeId && employeeId.length > 64) throw badInput('Employee ids are at most 64 characters.', { field: 'employeeId' });

    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (m) => {
        const user = await m.save(User, m.create(User, { email, name, role: input.role as Role, employeeId, passwordHash }));
        await this.audit.record(m, {
          actorId: actor?.id ?? null,
          action: 'USER_CREATED',
          entityType: 'user',
          entityId: user.id,
          details: { email, role: user.role },
        });
        return user;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`An account with the email ${email} already exists.`);
      throw e;
    }
  }

  /** BATON_ADMIN_EMAIL / BATON_ADMIN_PASSWORD: that admin exists, with that password, after start. */
  async ensureAdmin(email: string, password: string, name = 'Administrator', retried = false): Promise<User> {
    const existing = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
    if (!existing) {
      try {
        return await this.createUser(null, { email, name, role: 'ADMIN' as never, password });
      } catch (e) {
        // Another API process starting at the same moment created it first: update that one.
        if (!retried && e instanceof DomainError && e.code === 'CONFLICT') return this.ensureAdmin(email, password, name, true);
        throw e;
      }
    }
    const changes: Partial<User> = {};
    if (!(await verifyPassword(password, existing.passwordHash))) changes.passwordHash = await hashPassword(password);
    if (existing.role !== 'ADMIN') changes.role = 'ADMIN';
    if (!existing.active) changes.active = true;
    if (Object.keys(changes).length) await this.users.update({ id: existing.id }, changes);
    return { ...existing, ...changes };
  }

  list(role?: Role): Promise<User[]> {
    return this.users.find({ where: role ? { role } : {}, order: { name: 'ASC' } });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.users.findBy({ id: In([...ids]) });
  }
}
