import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RULE_SET_MODEL, RuleSetSchema } from './rules.schema';
import { RulesRepository } from './rules.repository';
import { RulesService } from './rules.service';
import { RulesController } from './rules.controller';

/** Versioned earning rules and their pure evaluation (calculate-earning.ts). */
@Module({
  imports: [MongooseModule.forFeature([{ name: RULE_SET_MODEL, schema: RuleSetSchema }])],
  controllers: [RulesController],
  providers: [RulesRepository, RulesService],
  exports: [RulesService],
})
export class RulesModule {}
