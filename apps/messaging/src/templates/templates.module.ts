import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TEMPLATE_MODEL, TemplateSchema } from './template.schema';
import { TemplatesController } from './templates.controller';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';

/** Message templates per kind and locale. */
@Module({
  imports: [MongooseModule.forFeature([{ name: TEMPLATE_MODEL, schema: TemplateSchema }])],
  controllers: [TemplatesController],
  providers: [TemplatesRepository, TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
