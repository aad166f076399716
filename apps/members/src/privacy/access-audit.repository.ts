import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { PERSONAL_DATA_ACCESS_MODEL, type PersonalDataAccess } from './access-audit.schema';

@Injectable()
export class AccessAuditRepository {
  constructor(@InjectModel(PERSONAL_DATA_ACCESS_MODEL) private readonly log: Model<PersonalDataAccess>) {}

  async record(entry: Omit<PersonalDataAccess, '_id'>): Promise<void> {
    await this.log.create({ _id: randomUUID(), ...entry });
  }

  async listForMember(memberId: string, limit = 200): Promise<PersonalDataAccess[]> {
    return this.log.find({ memberId }).sort({ at: -1 }).limit(limit).lean().exec();
  }
}
