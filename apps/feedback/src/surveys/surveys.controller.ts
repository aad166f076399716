import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequirePermission } from '@app/access';
import { SurveysService, type SurveyAnswerResult } from './surveys.service';

export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 very dissatisfied ... 5 very satisfied' }) @IsInt() @Min(1) @Max(5) score!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

class SurveyMessageDto {
  @ApiProperty({ name: 'zh-CN' }) 'zh-CN'!: string;
  @ApiProperty() en!: string;
}

export class SurveyAnswerResultDto implements SurveyAnswerResult {
  @ApiProperty() surveyId!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) score!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The follow-up complaint a score of 1-2 opened' }) followUpCaseId!: string | null;
  @ApiProperty({ type: SurveyMessageDto, description: 'What to tell the customer, in both languages' }) message!: SurveyMessageDto;
}

@ApiTags('feedback surveys')
@Controller('v1/feedback/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post(':token')
  @HttpCode(200)
  @RequirePermission('feedback.survey.answer')
  @ApiOperation({ summary: 'Answer a survey with its one-time token (no login). 404 unknown, 410 answered or expired' })
  @ApiOkResponse({ type: SurveyAnswerResultDto })
  async answer(@Param('token') token: string, @Body() body: SurveyAnswerDto): Promise<SurveyAnswerResult> {
    return this.surveys.answer(token, body.score, body.comment ?? null);
  }
}
