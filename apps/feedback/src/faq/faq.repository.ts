import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { FAQ_ARTICLE_MODEL, type FaqArticle } from './faq.schema';

/** The only place that touches FAQ articles. */
@Injectable()
export class FaqRepository {
  constructor(@InjectModel(FAQ_ARTICLE_MODEL) private readonly articles: Model<FaqArticle>) {}

  async insert(article: FaqArticle): Promise<void> {
    await this.articles.create(article);
  }

  async replace(id: string, set: Partial<FaqArticle>): Promise<FaqArticle | null> {
    return this.articles.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean<FaqArticle>().exec();
  }

  async find(id: string): Promise<FaqArticle | null> {
    return this.articles.findById(id).lean<FaqArticle>().exec();
  }

  /** Articles sharing any of the terms (ranked by the caller), optionally of one category. */
  async withAnyTerm(terms: string[], category: string | undefined, limit: number): Promise<FaqArticle[]> {
    const q: FilterQuery<FaqArticle> = { terms: { $in: terms } };
    if (category) q.category = category;
    return this.articles.find(q).limit(limit).lean<FaqArticle[]>().exec();
  }

  async mostUsed(category: string | undefined, limit: number): Promise<FaqArticle[]> {
    return this.articles
      .find(category ? { category } : {})
      .sort({ timesUsed: -1, _id: 1 })
      .limit(limit)
      .lean<FaqArticle[]>()
      .exec();
  }

  async countUse(id: string): Promise<void> {
    await this.articles.updateOne({ _id: id }, { $inc: { timesUsed: 1 } }).exec();
  }
}
