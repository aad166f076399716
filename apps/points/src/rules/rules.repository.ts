import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@app/common';
import { RULE_SET_MODEL, type EarningRuleSetDoc } from './rules.schema';

/** The only place that touches rule-set versions. */
@Injectable()
export class RulesRepository {
  constructor(@InjectModel(RULE_SET_MODEL) private readonly sets: Model<EarningRuleSetDoc>) {}

  async all(): Promise<EarningRuleSetDoc[]> {
    return this.sets.find().sort({ _id: 1 }).lean<EarningRuleSetDoc[]>().exec();
  }

  /** Insert as the next version number; a concurrent creator makes us take the one after. */
  async insertNext(doc: Omit<EarningRuleSetDoc, '_id'>): Promise<EarningRuleSetDoc> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const last = await this.sets.findOne().sort({ _id: -1 }).select({ _id: 1 }).lean<{ _id: number }>().exec();
      const version = (last?._id ?? 0) + 1;
      try {
        const created = await this.sets.create({ ...doc, _id: version });
        return created.toObject();
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error('Could not allocate a rule-set version');
  }
}
