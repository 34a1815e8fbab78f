/**
 * When digests go out. DIGEST_SCHEDULE is "mon 08:00" (weekly, the default),
 * "daily 08:00", or "off"; times are UTC. A period runs from the previous
 * boundary to the latest one.
 */
export type DigestSchedule = { kind: 'off' } | { kind: 'weekly' | 'daily'; weekday: number; hour: number; minute: number };

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function parseDigestSchedule(text: string | undefined): DigestSchedule {
  const value = (text ?? 'mon 08:00').trim().toLowerCase();
  if (value === 'off' || value === 'none') return { kind: 'off' };
  const match = /^(daily|sun|mon|tue|wed|thu|fri|sat)[a-z]*\s+(\d{1,2}):(\d{2})$/.exec(value);
  if (!match || Number(match[2]) > 23 || Number(match[3]) > 59) {
    throw new Error(`DIGEST_SCHEDULE must be like "mon 08:00", "daily 08:00" or "off", not "${text}"`);
  }
  const daily = match[1] === 'daily';
  return { kind: daily ? 'daily' : 'weekly', weekday: daily ? 0 : WEEKDAYS.indexOf(match[1]), hour: Number(match[2]), minute: Number(match[3]) };
}

/** The latest boundary at or before `now`, and the one before it: the period a digest covers. */
export function latestPeriod(schedule: Exclude<DigestSchedule, { kind: 'off' }>, now: Date): { start: Date; end: Date } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), schedule.hour, schedule.minute));
  if (schedule.kind === 'daily') {
    if (end > now) end.setUTCDate(end.getUTCDate() - 1);
    const start = new Date(end);
    start.setUTCDate(start.getUTCDate() - 1);
    return { start, end };
  }
  end.setUTCDate(end.getUTCDate() - ((end.getUTCDay() - schedule.weekday + 7) % 7));
  if (end > now) end.setUTCDate(end.getUTCDate() - 7);
  const start = new Date(end);
  start.setUTCDate(start.getUTCDate() - 7);
  return { start, end };
}

/** `--period 7d`, `24h`, `2w`: a period ending now. */
export function periodEndingNow(text: string, now: Date): { start: Date; end: Date } {
  const match = /^(\d+)\s*([hdw])$/.exec(text.trim().toLowerCase());
  if (!match) throw new Error(`a period is a number and h, d or w, such as 7d; not "${text}"`);
  const hours = Number(match[1]) * { h: 1, d: 24, w: 24 * 7 }[match[2] as 'h' | 'd' | 'w'];
  return { start: new Date(now.getTime() - hours * 3_600_000), end: now };
}
