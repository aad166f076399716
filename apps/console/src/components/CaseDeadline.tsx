import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { SLA_CLOCK_NAMES, type Case, type SlaClock, type SlaClockName } from '../api/types';
import { clockState, formatSpan, type DeadlineState } from './deadline';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/I18nContext';
import { DANGER, GOOD, HIGHLIGHT, INFO } from './colours';

/** The current time, moving every `everyMs`: countdowns stay live without a reload. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const COLOUR: Record<DeadlineState, string> = { met: GOOD, paused: INFO, breached: DANGER, warning: HIGHLIGHT, running: 'default' };

/** One clock as a tag: due in …, overdue by …, paused, met. */
export function ClockTag({ name, clock, now }: { name: SlaClockName; clock: SlaClock; now: number }) {
  const { t, lang } = useI18n();
  const state = clockState(clock, now);
  const left = Date.parse(clock.dueAt) - now;
  const what =
    state === 'met'
      ? t(clock.breachedAt ? 'sla.metLate' : 'sla.met')
      : state === 'paused'
        ? t('sla.paused')
        : state === 'breached'
          ? t('sla.breached', { span: formatSpan(left) })
          : t('sla.dueIn', { span: formatSpan(left) });
  return (
    <Tag
      color={state === 'met' && clock.breachedAt ? HIGHLIGHT : COLOUR[state]}
      title={formatDateTime(clock.dueAt, lang)}
      data-testid={`deadline-${name}`}
      data-state={state}
    >
      {t(`sla.clock.${name}`)}: {what}
    </Tag>
  );
}

/** The clock of a case that matters now: the first breached one, else the soonest running (or paused) one. */
export function CaseDeadline({ c, now }: { c: Case; now: number }) {
  const { t } = useI18n();
  const open = SLA_CLOCK_NAMES.flatMap((n) => {
    const clock = c.sla[n];
    return clock && !clock.metAt ? [{ n, clock }] : [];
  });
  if (open.length === 0) return <Tag color={GOOD}>{t('sla.allMet')}</Tag>;
  const breached = open.find(({ clock }) => clockState(clock, now) === 'breached');
  const first = breached ?? open.sort((a, b) => Date.parse(a.clock.dueAt) - Date.parse(b.clock.dueAt))[0];
  return <ClockTag name={first.n} clock={first.clock} now={now} />;
}
