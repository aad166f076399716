import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TextModule } from '../text/text.module';
import { FaqController } from './faq.controller';
import { FaqRepository } from './faq.repository';
import { FAQ_ARTICLE_MODEL, FaqArticleSchema } from './faq.schema';
import { FaqService } from './faq.service';

/** The FAQ knowledge base for consultations. */
@Module({
  imports: [TextModule, MongooseModule.forFeature([{ name: FAQ_ARTICLE_MODEL, schema: FaqArticleSchema }])],
  controllers: [FaqController],
  providers: [FaqRepository, FaqService],
  exports: [FaqService],
})
export class FaqModule {}
