import ct from 'countries-and-timezones';
import { normalizeCountry } from './countries.ts';

/**
 * A member's time zone (DESIGN.md: "times in their zone"): the zone they set
 * with `set timezone ZONE`, else the one their residence names without
 * doubt (a country with a single IANA zone, or a city that is the name of
 * one of its country's zones: Lisbon → Europe/Lisbon), else none, and Tacit
 * writes times in UTC only. Country → zones comes from the
 * countries-and-timezones package (IANA's zone.tab), so no list is kept here.
 */
export interface Residence {
  timezone?: string | null;
  country?: string | null;
  city?: string | null;
}

/** The canonical IANA name of `input` ("europe/lisbon" → "Europe/Lisbon"), or null when Node knows no such zone. */
export function canonicalTimeZone(input: string): string | null {
  const name = input.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The city a zone is named after, as normalizeCountry writes names ("America/Sao_Paulo" → "sao paulo"). */
const zoneCity = (zone: string) => normalizeCountry(zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' '));

export function memberTimeZone(member: Residence): string | null {
  if (member.timezone) {
    const chosen = canonicalTimeZone(member.timezone);
    if (chosen) return chosen;
  }
  const country = member.country ? ct.getCountry(member.country.toUpperCase()) : null;
  if (!country) return null;
  const zones = country.timezones;
  if (zones.length === 1) return zones[0]!;
  const city = member.city ? normalizeCountry(member.city) : '';
  if (!city) return null;
  return zones.find((zone) => zoneCity(zone) === city) ?? null;
}
