import type { AuditEntry } from '@madoguchi/shared';

/** How many of the latest entries the audit view asks for (the server allows up to 1,000). */
export const AUDIT_LOG_LIMIT = 200;

/** The actions the server records today; others (a newer server) are shown as sent. */
export const knownAuditActions = [
  'login',
  'login-failed',
  'logout',
  'logout-everywhere',
  'staff-created',
  'kiosk-enrollment-code-created',
  'kiosk-enrolled',
  'kiosk-revoked',
  'capture-viewed',
  'signature-strokes-viewed',
  'signature-accept',
  'signature-retry',
  'capture-deleted',
  'audit-log-viewed',
  'catalog.updated',
] as const;

export type KnownAuditAction = (typeof knownAuditActions)[number];

export const isKnownAuditAction = (action: string): action is KnownAuditAction =>
  (knownAuditActions as readonly string[]).includes(action);

const tokyoParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * `YYYY-MM-DD HH:mm:ss` in Tokyo, whatever this machine's zone: the full moment, to the second,
 * because entries are compared with each other and with other records, and read the same in both languages.
 */
export function formatAuditTime(iso: string): string {
  const parts = Object.fromEntries(
    tokyoParts.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The entries whose actor, action (as sent or as worded on screen) or subject contain every
 * whitespace-separated word of `query`, ignoring case; a blank query keeps them all, in order.
 */
export function filterAuditEntries(
  entries: readonly AuditEntry[],
  query: string,
  describeAction: (action: string) => string,
): readonly AuditEntry[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((entry) => {
    const text = [
      entry.actor,
      entry.action,
      describeAction(entry.action),
      entry.subject ?? '',
      ...formatAuditDetails(entry.details),
    ]
      .join('\n')
      .toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/**
 * An entry's details as lines `path: value`: nested values by their dotted path, lists joined
 * with commas, empty lists left out (a catalogue change lists only what it touched).
 */
export function formatAuditDetails(details: AuditEntry['details']): string[] {
  const lines: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (value.length > 0) lines.push(`${path}: ${value.map(String).join(', ')}`);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else {
      lines.push(`${path}: ${String(value)}`);
    }
  };
  walk(details ?? {}, '');
  return lines;
}
