import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SLA_POLICY_MODEL, type SlaPolicyDoc } from './sla-policy.schema';

/** The only place that touches stored SLA policies. */
@Injectable()
export class SlaPolicyRepository {
  constructor(@InjectModel(SLA_POLICY_MODEL) private readonly policies: Model<SlaPolicyDoc>) {}

  async find(id: string): Promise<SlaPolicyDoc | null> {
    return this.policies.findById(id).lean<SlaPolicyDoc>().exec();
  }

  async all(): Promise<SlaPolicyDoc[]> {
    return this.policies.find().lean<SlaPolicyDoc[]>().exec();
  }

  /** Replace a policy, bumping its version. */
  async put(
    id: string,
    targets: SlaPolicyDoc['targets'],
    calendar: 'calendar' | 'business',
    updatedBy: SlaPolicyDoc['updatedBy'],
    at: Date,
  ): Promise<SlaPolicyDoc> {
    return this.policies
      .findOneAndUpdate({ _id: id }, { $set: { targets, calendar, updatedBy, updatedAt: at }, $inc: { version: 1 } }, { upsert: true, new: true })
      .lean<SlaPolicyDoc>()
      .orFail()
      .exec();
  }
}
