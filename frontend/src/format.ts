// How values read on screen: dates, numbers, and the API's enum names.

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** A moment to the minute, e.g. "4 Dec, 19:30". */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export function formatShortDate(value: Date): string {
  return shortDateFormat.format(value);
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value == null || Number.isNaN(value)) return '—';
  return value.toFixed(digits);
}

export function formatSigned(value: number | null | undefined, digits = 1): string {
  if (value == null || Number.isNaN(value)) return '—';
  const rounded = Number(value.toFixed(digits)) + 0;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(digits)}`;
}

/** `up`, `down` or `flat`, by the change as it is shown (one decimal). */
export function trendClass(value: number | null | undefined, digits = 1): string {
  const rounded = value == null ? 0 : Number(value.toFixed(digits));
  return rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
}

export function formatPercent(value: number | null | undefined): string {
  if (value == null || Number.isNaN(value)) return '—';
  return `${Math.round(value * 100)} %`;
}

/** `CO_OWNING` reads "Co-owning", `SURVEY_ANSWER` reads "Survey answer". */
export function humanise(value: string | null | undefined): string {
  if (!value) return '—';
  const words = value.toLowerCase().replace(/_/g, ' ');
  const text = words === 'co owning' ? 'co-owning' : words;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const NEED_NAMES: Record<string, string> = {
  SERVE: 'To be served',
  CONNECT: 'To connect',
  ROLE: 'To explore a role',
};
