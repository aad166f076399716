import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MembersEnv } from '../config/members.env';
import { BirthdayService } from '../members/birthday.service';
import { MemberErasureService } from '../members/member-erasure.service';
import { TierReviewService } from '../tiers/tier-review.service';

/**
 * Runs the daily jobs every MEMBERS_JOBS_INTERVAL_MS (each is idempotent, so running them more
 * often than daily is harmless: birthdays once per member and year, reviews only when due).
 */
@Injectable()
export class JobsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly env: MembersEnv,
    private readonly birthdays: BirthdayService,
    private readonly reviews: TierReviewService,
    private readonly erasure: MemberErasureService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.MEMBERS_JOBS_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => void this.runAll(), this.env.MEMBERS_JOBS_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async runAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.birthdays.announceToday();
      await this.reviews.runReview();
      await this.erasure.anonymiseInactive();
    } catch (err) {
      this.logger.warn({ msg: 'scheduled members jobs failed; next run retries', error: String(err) });
    } finally {
      this.running = false;
    }
  }
}
