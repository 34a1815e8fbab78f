const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Thu 3 Dec 2026 18:00 UTC": the one way Tacit writes a moment to people
 * (deadlines, receipts, templates, command answers), so a conversation never
 * shows two date formats.
 */
export function formatUtc(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ` +
    `${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** formatUtc for template values: a Date from the database or an ISO string from queued data; anything else as it is. */
export function formatUtcValue(value: unknown, language = 'en'): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : formatUtcIn(date, language);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment on the clocks of `zone`, in `language`'s words and order ("jeu. 3 déc. 2026 19:00"). */
function localized(date: Date, zone: string, language: string): string {
  const key = `${language}:${zone}`;
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    zoneFormats.set(key, format);
  }
  return format.format(date);
}

/**
 * formatUtc in a member's language: English keeps the one form above
 * ("Thu 3 Dec 2026 18:00 UTC"); another language writes the same moment as
 * Intl.DateTimeFormat writes dates in it, still ending in "UTC".
 */
export function formatUtcIn(date: Date, language: string): string {
  return language === 'en' ? formatUtc(date) : `${localized(date, 'UTC', language)} UTC`;
}

/**
 * The same moment as formatUtc writes it, read on the clocks of `zone`:
 * "Thu 3 Dec 2026 19:00 Europe/Paris". Written beside the UTC time, never
 * instead of it, so a member and the coordinators read the same deadline.
 */
export function formatInZone(date: Date, zone: string, language = 'en'): string {
  if (language !== 'en') return `${localized(date, zone, language)} ${zone}`;
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    zoneFormats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year} ${part.hour}:${part.minute} ${zone}`;
}
