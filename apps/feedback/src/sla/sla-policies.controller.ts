import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentActor, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { CASE_KINDS, CASE_SEVERITIES, type CaseKind, type CaseSeverity } from '../cases/case.model';
import { SLA_CALENDARS, type SlaCalendarKind } from './sla-policy';
import { SlaPolicyService, type SlaPolicyView } from './sla-policy.service';

const WEEK_MINUTES = 7 * 24 * 60;

export class SlaPolicyParams {
  @ApiProperty({ enum: CASE_KINDS }) @IsIn(CASE_KINDS) kind!: CaseKind;
  @ApiProperty({ enum: CASE_SEVERITIES }) @IsIn(CASE_SEVERITIES) severity!: CaseSeverity;
}

export class SlaTargetsDto {
  @ApiProperty({ example: 1440 }) @IsInt() @Min(1) @Max(WEEK_MINUTES * 4) acknowledgeMinutes!: number;
  @ApiProperty({ example: 2880 }) @IsInt() @Min(1) @Max(WEEK_MINUTES * 4) answerMinutes!: number;
  @ApiProperty({ example: 4320 }) @IsInt() @Min(1) @Max(WEEK_MINUTES * 8) resolveMinutes!: number;
  @ApiPropertyOptional({
    enum: SLA_CALENDARS,
    default: 'calendar',
    description: 'business: count only FEEDBACK_BUSINESS_HOURS on FEEDBACK_BUSINESS_DAYS, not FEEDBACK_HOLIDAYS',
  })
  @IsOptional()
  @IsIn(SLA_CALENDARS)
  calendar?: SlaCalendarKind;
}

@ApiTags('feedback SLA')
@Controller('v1/feedback/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPolicyService) {}

  @Get()
  @RequirePermission('feedback.sla.read')
  @ApiOperation({ summary: 'Deadlines per kind and severity in calendar minutes (defaults from the service standards until changed)' })
  @ApiOkResponse()
  async list(): Promise<{ items: SlaPolicyView[] }> {
    return { items: await this.policies.list() };
  }

  @Put(':kind/:severity')
  @RequirePermission('feedback.sla.write')
  @ApiOperation({ summary: 'Change the deadlines for cases opened from now on (open cases keep the deadlines they were given)' })
  @ApiOkResponse()
  async put(@CurrentActor() actor: Actor, @Param() params: SlaPolicyParams, @Body() body: SlaTargetsDto): Promise<SlaPolicyView> {
    return this.policies.put(
      params.kind,
      params.severity,
      { acknowledge: body.acknowledgeMinutes, answer: body.answerMinutes, resolve: body.resolveMinutes },
      body.calendar ?? 'calendar',
      actor,
    );
  }
}
