import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** Satisfaction surveys after resolution (token by event, answer without login, follow-up on a low score). */
@Module({ imports: [CasesModule], controllers: [SurveysController], providers: [SurveysService] })
export class SurveysModule {}
