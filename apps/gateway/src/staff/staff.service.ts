import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainError, NotFoundError, type Actor } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { hashPassword, verifyPassword, dummyPasswordHash } from '../auth/password';
import { StoresRepository } from '../stores/stores.repository';
import type { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { StaffRepository, type StaffUserView } from './staff.repository';

/** Staff users: creation by an admin, sign-in for a bearer token, the bootstrap admin. */
@Injectable()
export class StaffService {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    private readonly staff: StaffRepository,
    private readonly stores: StoresRepository,
    private readonly env: GatewayEnv,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateStaffUserDto, createdBy: string): Promise<StaffUserView> {
    const storeIds = [...new Set(dto.storeIds ?? [])];
    if (dto.role === 'store_manager' && storeIds.length === 0) {
      throw new DomainError('STAFF.STORES_REQUIRED', 'invalid', 'A store manager must be scoped to at least one store');
    }
    if (dto.role !== 'store_manager' && storeIds.length > 0) {
      throw new DomainError('STAFF.STORES_NOT_ALLOWED', 'invalid', 'Only store managers are scoped to stores');
    }
    const missing = await this.stores.missing(storeIds);
    if (missing.length) throw new DomainError('STORES.NOT_FOUND', 'unprocessable', 'Unknown store(s)', { storeIds: missing });
    const created = await this.staff.create({
      _id: `stf_${randomBytes(8).toString('hex')}`,
      email: dto.email.toLowerCase(),
      displayName: dto.displayName,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      storeIds,
      active: true,
      createdAt: this.clock.now(),
      createdBy,
    });
    this.logger.log({ msg: 'staff user created', staffId: created._id, role: created.role, by: createdBy });
    return created;
  }

  list(): Promise<StaffUserView[]> {
    return this.staff.list();
  }

  async setActive(staffId: string, active: boolean, by: string): Promise<StaffUserView> {
    if (staffId === by && !active) throw new DomainError('STAFF.CANNOT_DEACTIVATE_SELF', 'unprocessable', 'An admin cannot deactivate themselves');
    const user = await this.staff.setActive(staffId, active);
    if (!user) throw new NotFoundError('STAFF.NOT_FOUND', 'No such staff user', { staffId });
    this.logger.log({ msg: active ? 'staff user activated' : 'staff user deactivated', staffId, by });
    return user;
  }

  /**
   * A staff token is honoured only while its user is active with the same role and stores: a
   * deactivated user or a changed role stops working at once, not at token expiry.
   */
  async assertTokenCurrent(actor: Actor): Promise<void> {
    const user = await this.staff.findAccess(actor.id);
    const same =
      user?.active && user.role === actor.role && user.storeIds.length === actor.storeIds.length && user.storeIds.every((s) => actor.storeIds.includes(s));
    if (!same) throw new DomainError('AUTH.TOKEN_REVOKED', 'unauthenticated', 'This token is no longer valid; sign in again');
  }

  /** The actor of valid credentials. Same answer and similar cost for an unknown email and a wrong password. */
  async verifyCredentials(email: string, password: string): Promise<Actor> {
    const user = await this.staff.findForSignIn(email.toLowerCase());
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, await dummyPasswordHash()).then(() => false);
    if (!user || !ok || !user.active) throw new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthenticated', 'Email or password is wrong');
    return { id: user._id, role: user.role, storeIds: user.storeIds };
  }

  /** Start-up: create the first admin from BOOTSTRAP_ADMIN_EMAIL/PASSWORD when absent. Idempotent. */
  async ensureBootstrapAdmin(): Promise<void> {
    const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = this.env;
    if (!email || !password) return;
    if (await this.staff.existsByEmail(email.toLowerCase())) return;
    try {
      await this.create({ email, password, displayName: 'Bootstrap admin', role: 'admin' }, 'bootstrap');
      this.logger.log({ msg: 'bootstrap admin created' });
    } catch (err) {
      // Another gateway instance created it at the same moment.
      if (!(err instanceof DomainError && err.code === 'STAFF.EMAIL_TAKEN')) throw err;
    }
  }
}
