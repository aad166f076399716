import { Injectable, Logger } from '@nestjs/common';
import { Clock, EventFactory } from '@app/common';
import { MembersRepository } from './members.repository';
import { PersonalDataCodec } from './personal-data.codec';

const BATCH = 500;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Month-days celebrated on a date: 29 February birthdays are celebrated on 28 February in common years. */
export function birthdayMonthDaysOn(date: Date): string[] {
  const md = date.toISOString().slice(5, 10);
  return md === '02-28' && !isLeapYear(date.getUTCFullYear()) ? ['02-28', '02-29'] : [md];
}

/** Daily: one `member.birthday.v1` per member whose birthday is today (at most once a year). */
@Injectable()
export class BirthdayService {
  private readonly logger = new Logger(BirthdayService.name);

  constructor(
    private readonly members: MembersRepository,
    private readonly codec: PersonalDataCodec,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async announceToday(): Promise<{ announced: number }> {
    const now = this.clock.now();
    const year = now.getUTCFullYear();
    const date = now.toISOString().slice(0, 10);
    const hashes = birthdayMonthDaysOn(now).map((md) => this.codec.birthdayHash(md));
    let announced = 0;
    for (;;) {
      const batch = await this.members.birthdayCandidates(hashes, year, BATCH);
      if (batch.length === 0) break;
      for (const m of batch) {
        const event = this.events.create('member.birthday.v1', { memberId: m._id, date });
        if (await this.members.markBirthday(m._id, year, [event])) announced += 1;
      }
    }
    if (announced) this.logger.log({ msg: 'birthdays announced', announced, date });
    return { announced };
  }
}
