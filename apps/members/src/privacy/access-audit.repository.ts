import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { PERSONAL_DATA_ACCESS_MODEL, type PersonalDataAccess } from './access-audit.schema';

@Injectable()
export class AccessAuditRepository {
  constructor(@InjectModel(PERSONAL_DATA_ACCESS_MODEL) private readonly log: Model<PersonalDataAccess>) {}

  async record(entry: Omit<PersonalDataAccess, '_id'>): Promise<void> {
    await this.log.create({ _id: randomUUID(), ...entry });
  }

  /** Newest first; `before` continues a page (time, then id, both descending). */
  async search(
    filter: { memberId?: string; actorId?: string; from?: Date; to?: Date; before?: { at: Date; id: string } },
    limit: number,
  ): Promise<PersonalDataAccess[]> {
    const query: FilterQuery<PersonalDataAccess> = {};
    if (filter.memberId) query.memberId = filter.memberId;
    if (filter.actorId) query.actorId = filter.actorId;
    if (filter.from || filter.to) query.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    if (filter.before) query.$or = [{ at: { $lt: filter.before.at } }, { at: filter.before.at, _id: { $lt: filter.before.id } }];
    return this.log.find(query).sort({ at: -1, _id: -1 }).limit(limit).lean().exec();
  }

  async listForMember(memberId: string, limit = 200): Promise<PersonalDataAccess[]> {
    return this.log.find({ memberId }).sort({ at: -1 }).limit(limit).lean().exec();
  }
}
