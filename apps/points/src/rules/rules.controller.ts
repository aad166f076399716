import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CreateRuleSetDto, RuleSetResponse } from './dto/earning-rules.dto';
import { DEFAULT_MAX_POINTS_PER_DAY, DEFAULT_MAX_POINTS_PER_TRANSACTION, type EarningRules } from './earning-rules';
import { RulesService } from './rules.service';

@ApiTags('earning rules')
@Controller('v1/points/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Post()
  @RequirePermission('rules.write')
  @ApiOperation({ summary: 'Create a new version of the earning rules (admin, marketing)' })
  @ApiCreatedResponse({ type: RuleSetResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateRuleSetDto): Promise<RuleSetResponse> {
    const rules: EarningRules = {
      rounding: body.rounding,
      baseRates: body.baseRates.map((r) => ({ currency: r.currency, minorPerUnit: r.minorPerUnit, pointsPerUnit: r.pointsPerUnit })),
      excludedCategories: body.excludedCategories,
      excludedSkus: body.excludedSkus ?? [],
      categoryBonuses: (body.categoryBonuses ?? []).map((b) => ({ id: b.id, category: b.category, extraPercent: b.extraPercent })),
      skuBonuses: (body.skuBonuses ?? []).map((b) => ({ id: b.id, sku: b.sku, extraPercent: b.extraPercent })),
      promotions: (body.promotions ?? []).map((p) => ({
        id: p.id,
        extraPercent: p.extraPercent,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        categories: p.categories ?? [],
        storeIds: p.storeIds ?? [],
      })),
      birthday: body.birthday ? { extraPercent: body.birthday.extraPercent, fixedPoints: body.birthday.fixedPoints } : { extraPercent: 0, fixedPoints: 0 },
      // Omitted: the default cap; null: no cap (a deliberate choice of the rule's author).
      maxPointsPerTransaction: body.maxPointsPerTransaction === undefined ? DEFAULT_MAX_POINTS_PER_TRANSACTION : body.maxPointsPerTransaction,
      maxPointsPerDay: body.maxPointsPerDay === undefined ? DEFAULT_MAX_POINTS_PER_DAY : body.maxPointsPerDay,
    };
    const created = await this.rules.create(rules, body.effectiveFrom ? new Date(body.effectiveFrom) : null, actor);
    return { ...created, rules: { ...created.rules } };
  }

  @Get()
  @RequirePermission('rules.read')
  @ApiOperation({ summary: 'All versions of the earning rules, version 0 being the built-in defaults (admin, marketing, auditor)' })
  @ApiOkResponse({ type: [RuleSetResponse] })
  async list(): Promise<RuleSetResponse[]> {
    return (await this.rules.list()).map((s) => ({ ...s, rules: { ...s.rules } }));
  }
}
