import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { MetricsService, type MetricsReport } from './metrics.service';

export class MetricsQuery {
  @ApiPropertyOptional({ description: 'One store (store managers: theirs; default all of theirs)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/)
  storeId?: string;
  @ApiPropertyOptional({ description: 'Start of the period (ISO-8601, inclusive); default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ description: 'End of the period (ISO-8601, exclusive); default now' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

@ApiTags('feedback metrics')
@Controller('v1/feedback/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @RequirePermission('feedback.metrics.read')
  @ApiOperation({
    summary: 'Complaint rate per 1,000 purchases, on-time shares, median/p90 time to resolve, CSI and response rate, repeat rate, top categories and terms',
  })
  @ApiOkResponse()
  async get(@CurrentActor() actor: Actor, @Query() q: MetricsQuery): Promise<MetricsReport> {
    return this.metrics.report(actor, q);
  }
}
