import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@app/access';
import { BirthdayService } from '../members/birthday.service';
import { MemberErasureService } from '../members/member-erasure.service';
import { PersonalDataRekeyService } from '../members/personal-data-rekey.service';
import { JobResult } from '../tiers/dto/tier-status.dto';
import { TierReviewService } from '../tiers/tier-review.service';

/** Daily jobs, runnable by admins on demand (the scheduler runs them too). All use the injected clock. */
@ApiTags('jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly birthdays: BirthdayService,
    private readonly reviews: TierReviewService,
    private readonly erasure: MemberErasureService,
    private readonly rekey: PersonalDataRekeyService,
  ) {}

  @Post('members/birthdays')
  @RequirePermission('members.jobs.run')
  @HttpCode(200)
  @ApiOperation({ summary: "Publish member.birthday.v1 for today's birthdays (once per member and year)" })
  @ApiOkResponse({ type: JobResult })
  async birthdaysJob(): Promise<JobResult> {
    return { job: 'birthdays', counts: await this.birthdays.announceToday() };
  }

  @Post('tiers/review')
  @RequirePermission('members.jobs.run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Review tiers due (review date + grace): downgrade one tier or start a new period; expire overrides' })
  @ApiOkResponse({ type: JobResult })
  async reviewJob(): Promise<JobResult> {
    return { job: 'tier-review', counts: await this.reviews.runReview() };
  }

  @Post('members/retention')
  @RequirePermission('members.jobs.run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anonymise members inactive beyond MEMBERS_RETENTION_INACTIVE_DAYS' })
  @ApiOkResponse({ type: JobResult })
  async retentionJob(): Promise<JobResult> {
    return { job: 'retention', counts: await this.erasure.anonymiseInactive() };
  }

  @Post('members/reencrypt')
  @RequirePermission('members.jobs.run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Key rotation: re-encrypt personal fields still sealed under an old key' })
  @ApiOkResponse({ type: JobResult })
  async reencryptJob(): Promise<JobResult> {
    return { job: 'reencrypt', counts: await this.rekey.reencryptAll() };
  }
}
