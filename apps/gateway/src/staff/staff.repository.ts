import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ConflictError } from '@app/common';
import { STAFF_USER_MODEL, type StaffUser } from './staff.schema';

export type StaffUserView = Omit<StaffUser, 'passwordHash'>;

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

@Injectable()
export class StaffRepository {
  constructor(@InjectModel(STAFF_USER_MODEL) private readonly users: Model<StaffUser>) {}

  async create(user: StaffUser): Promise<StaffUserView> {
    try {
      await this.users.create(user);
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConflictError('STAFF.EMAIL_TAKEN', 'A staff user with this email exists');
      throw err;
    }
    const { passwordHash: _hidden, ...view } = user;
    return view;
  }

  /** With the password hash, for sign-in only. */
  findForSignIn(email: string): Promise<StaffUser | null> {
    return this.users.findOne({ email }).select('+passwordHash').lean<StaffUser>().exec();
  }

  existsByEmail(email: string): Promise<boolean> {
    return this.users.exists({ email }).then((r) => r !== null);
  }

  /** What a token is checked against on every staff request. */
  findAccess(staffId: string): Promise<Pick<StaffUser, '_id' | 'role' | 'storeIds' | 'active'> | null> {
    return this.users.findById(staffId).select('role storeIds active').lean<Pick<StaffUser, '_id' | 'role' | 'storeIds' | 'active'>>().exec();
  }

  async setActive(staffId: string, active: boolean): Promise<StaffUserView | null> {
    return this.users.findByIdAndUpdate(staffId, { $set: { active } }, { new: true }).lean<StaffUserView>().exec();
  }

  list(): Promise<StaffUserView[]> {
    return this.users.find().sort({ createdAt: 1 }).limit(1000).lean<StaffUserView[]>().exec();
  }
}
