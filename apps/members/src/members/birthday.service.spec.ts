import { birthdayMonthDaysOn } from './birthday.service';

describe('birthdayMonthDaysOn', () => {
  it('is the UTC month-day of the date', () => {
    expect(birthdayMonthDaysOn(new Date('2026-05-17T23:59:00Z'))).toEqual(['05-17']);
  });
  it('celebrates 29 February on 28 February in common years only', () => {
    expect(birthdayMonthDaysOn(new Date('2027-02-28T00:00:00Z'))).toEqual(['02-28', '02-29']);
    expect(birthdayMonthDaysOn(new Date('2028-02-28T00:00:00Z'))).toEqual(['02-28']);
    expect(birthdayMonthDaysOn(new Date('2028-02-29T00:00:00Z'))).toEqual(['02-29']);
  });
});
