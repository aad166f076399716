import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequirePermission } from '@app/access';
import { SurveysService, type SurveyAnswerResult } from './surveys.service';

export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 very dissatisfied ... 5 very satisfied' }) @IsInt() @Min(1) @Max(5) score!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

@ApiTags('feedback surveys')
@Controller('v1/feedback/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post(':token')
  @HttpCode(200)
  @RequirePermission('feedback.survey.answer')
  @ApiOperation({ summary: 'Answer a survey with its one-time token (no login). 404 unknown, 410 answered or expired' })
  @ApiOkResponse()
  async answer(@Param('token') token: string, @Body() body: SurveyAnswerDto): Promise<SurveyAnswerResult> {
    return this.surveys.answer(token, body.score, body.comment ?? null);
  }
}
