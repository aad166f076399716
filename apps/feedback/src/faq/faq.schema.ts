import { Schema } from 'mongoose';
import type { ActorRef } from '../cases/case.schema';

export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

/** An FAQ article answering repeated consultations, in Chinese and English. */
export interface FaqArticle {
  _id: string;
  category: string;
  question: LocalisedText;
  answer: LocalisedText;
  /** Search terms of both languages (jieba for Chinese, words for English). */
  terms: string[];
  /** Consultations answered with this article: the most asked questions. */
  timesUsed: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: ActorRef;
}

export const FAQ_ARTICLE_MODEL = 'FeedbackFaqArticle';
export const FaqArticleSchema = new Schema(
  {
    _id: { type: String, required: true },
    category: { type: String, required: true },
    question: { type: Schema.Types.Mixed, required: true },
    answer: { type: Schema.Types.Mixed, required: true },
    terms: { type: [String], default: [] },
    timesUsed: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'feedback_faq_articles', versionKey: false },
);
FaqArticleSchema.index({ terms: 1 });
FaqArticleSchema.index({ timesUsed: -1 });
