import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { FaqArticleDto, FaqArticleView, FaqSearchQuery } from './dto/faq.dto';
import { FaqService } from './faq.service';

@ApiTags('feedback FAQ')
@Controller('v1/feedback/faq')
export class FaqController {
  constructor(private readonly faq: FaqService) {}

  @Get()
  @RequirePermission('feedback.faq.read')
  @ApiOperation({ summary: 'Search FAQ articles in Chinese or English (q), by category; without q the most asked first' })
  @ApiOkResponse({ type: [FaqArticleView] })
  async search(@Query() q: FaqSearchQuery): Promise<{ items: FaqArticleView[] }> {
    return { items: await this.faq.search(q.q, q.category, q.limit ?? 10) };
  }

  @Post()
  @RequirePermission('feedback.faq.write')
  @ApiOperation({ summary: 'Add an FAQ article (question and answer in zh-CN and en)' })
  @ApiCreatedResponse({ type: FaqArticleView })
  async create(@CurrentActor() actor: Actor, @Body() body: FaqArticleDto): Promise<FaqArticleView> {
    return this.faq.create(body, actor);
  }

  @Put(':articleId')
  @RequirePermission('feedback.faq.write')
  @ApiOperation({ summary: 'Replace an FAQ article' })
  @ApiOkResponse({ type: FaqArticleView })
  async update(@CurrentActor() actor: Actor, @Param('articleId') articleId: string, @Body() body: FaqArticleDto): Promise<FaqArticleView> {
    return this.faq.update(articleId, body, actor);
  }
}
