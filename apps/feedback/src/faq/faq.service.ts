import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import { ComplaintTerms } from '../text/complaint-terms';
import type { FaqArticleDto, FaqArticleView } from './dto/faq.dto';
import { FaqErrors } from './faq.errors';
import { FaqRepository } from './faq.repository';
import type { FaqArticle } from './faq.schema';

const view = (a: FaqArticle, matched?: number): FaqArticleView => ({
  articleId: a._id,
  category: a.category,
  question: a.question,
  answer: a.answer,
  timesUsed: a.timesUsed,
  ...(matched === undefined ? {} : { matched }),
});

/** The FAQ knowledge base fed by consultations: articles in both languages, term search, the most asked. */
@Injectable()
export class FaqService {
  constructor(
    private readonly repo: FaqRepository,
    private readonly terms: ComplaintTerms,
    private readonly clock: Clock,
  ) {}

  async create(dto: FaqArticleDto, actor: Actor): Promise<FaqArticleView> {
    const now = this.clock.now();
    const article: FaqArticle = {
      _id: `faq_${randomUUID()}`,
      ...this.content(dto),
      timesUsed: 0,
      createdAt: now,
      updatedAt: now,
      updatedBy: { id: actor.id, role: actor.role },
    };
    await this.repo.insert(article);
    return view(article);
  }

  async update(id: string, dto: FaqArticleDto, actor: Actor): Promise<FaqArticleView> {
    const updated = await this.repo.replace(id, { ...this.content(dto), updatedAt: this.clock.now(), updatedBy: { id: actor.id, role: actor.role } });
    if (!updated) throw FaqErrors.notFound();
    return view(updated);
  }

  /** Articles ranked by how many of the query's terms they share; no query: the most asked. */
  async search(q: string | undefined, category: string | undefined, limit: number): Promise<FaqArticleView[]> {
    const wanted = q ? this.terms.distinct(q) : [];
    if (wanted.length === 0) return (await this.repo.mostUsed(category, limit)).map((a) => view(a));
    const found = await this.repo.withAnyTerm(wanted, category, 200);
    return found
      .map((a) => ({ a, matched: wanted.filter((t) => a.terms.includes(t)).length }))
      .sort((x, y) => y.matched - x.matched || y.a.timesUsed - x.a.timesUsed || x.a._id.localeCompare(y.a._id))
      .slice(0, limit)
      .map(({ a, matched }) => view(a, matched));
  }

  /** The article a consultation is about to be answered with (400 naming faqArticleId when unknown). */
  async articleForAnswer(id: string): Promise<FaqArticle> {
    const article = await this.repo.find(id);
    if (!article) throw FaqErrors.unknownArticle(id);
    return article;
  }

  /** A consultation was answered with the article: it counts towards the most asked questions. */
  async countUse(id: string): Promise<void> {
    await this.repo.countUse(id);
  }

  private content(dto: FaqArticleDto): Pick<FaqArticle, 'category' | 'question' | 'answer' | 'terms'> {
    const text = [dto.question['zh-CN'], dto.question.en, dto.answer['zh-CN'], dto.answer.en].join('\n');
    return { category: dto.category, question: { ...dto.question }, answer: { ...dto.answer }, terms: this.terms.distinct(text) };
  }
}
