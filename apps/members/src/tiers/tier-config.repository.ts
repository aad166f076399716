import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { TIER_CONFIG_MODEL, type TierConfig } from './tier-config.schema';
import type { TierDefinition } from './tier-rules';

const CURRENT = 'current';

@Injectable()
export class TierConfigRepository {
  constructor(@InjectModel(TIER_CONFIG_MODEL) private readonly configs: Model<TierConfig>) {}

  async current(): Promise<TierConfig | null> {
    return this.configs.findById(CURRENT).lean().exec();
  }

  async replace(tiers: TierDefinition[], updatedBy: string, at: Date): Promise<TierConfig> {
    const saved = await this.configs
      .findOneAndUpdate({ _id: CURRENT }, { $set: { tiers, updatedAt: at, updatedBy }, $inc: { version: 1 } }, { upsert: true, new: true })
      .lean()
      .exec();
    return saved;
  }
}
