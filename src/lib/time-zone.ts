/** Fallback when an article carries no or an unknown IANA time zone: the newsroom's own. */
export const NEWSROOM_TIME_ZONE = 'Asia/Jakarta';

export const isTimeZone = (value: unknown): value is string => {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/**
 * ISO 8601 with the offset of `timeZone` at that instant, to the second:
 * 2024-11-12T05:30:00.000Z in Asia/Jakarta is "2024-11-12T12:30:00+07:00".
 */
export const toZonedIso = (instant: Date | string, timeZone: string): string => {
  const date = instant instanceof Date ? instant : new Date(instant);
  const zone = isTimeZone(timeZone) ? timeZone : NEWSROOM_TIME_ZONE;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  // "GMT+07:00", or "GMT" for UTC itself.
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
};
