import type { AuditEntry } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  filterAuditEntries,
  formatAuditDetails,
  formatAuditTime,
  isKnownAuditAction,
  knownAuditActions,
} from './audit-log.ts';
import { en, ja } from '../../i18n/messages.ts';

const entries: AuditEntry[] = [
  {
    at: '2025-05-15T01:02:03.000Z',
    actor: 'admin-a',
    action: 'kiosk-revoked',
    subject: 'seiseki-1',
    details: null,
  },
  { at: '2025-05-15T01:00:00.000Z', actor: 'tanaka-y', action: 'login', subject: null, details: null },
  {
    at: '2025-05-14T23:00:00.000Z',
    actor: 'admin-a',
    action: 'future-thing',
    subject: 'Tanaka-Y',
    details: {
      sections: ['procedures'],
      ids: { procedures: { added: ['kosodate'], removed: [], changed: [] } },
    },
  },
];

const words: Record<string, string> = { 'kiosk-revoked': 'Kiosk revoked', login: 'Signed in' };
const describeAction = (action: string) => words[action] ?? action;

describe('formatAuditTime', () => {
  it('shows the full moment in Tokyo, to the second, whatever the machine’s zone', () => {
    expect(formatAuditTime('2025-05-15T01:02:03.000Z')).toBe('2025-05-15 10:02:03');
    // 23:00 UTC is already the next day in Tokyo, and midnight reads 00, not 24.
    expect(formatAuditTime('2025-05-14T15:00:00.000Z')).toBe('2025-05-15 00:00:00');
  });
});

describe('filterAuditEntries', () => {
  it('keeps every entry, in order, for a blank query', () => {
    expect(filterAuditEntries(entries, '  ', describeAction)).toBe(entries);
  });

  it('matches actor, action as sent, action in words and subject, ignoring case', () => {
    expect(filterAuditEntries(entries, 'TANAKA', describeAction)).toEqual([entries[1], entries[2]]);
    expect(filterAuditEntries(entries, 'kiosk-rev', describeAction)).toEqual([entries[0]]);
    expect(filterAuditEntries(entries, 'signed in', describeAction)).toEqual([entries[1]]);
    expect(filterAuditEntries(entries, 'seiseki', describeAction)).toEqual([entries[0]]);
    expect(filterAuditEntries(entries, 'future', describeAction)).toEqual([entries[2]]);
  });

  it('matches the details too', () => {
    expect(filterAuditEntries(entries, 'kosodate', describeAction)).toEqual([entries[2]]);
  });

  it('needs every word of the query, anywhere in the entry', () => {
    expect(filterAuditEntries(entries, 'admin-a revoked', describeAction)).toEqual([entries[0]]);
    expect(filterAuditEntries(entries, 'admin-a login', describeAction)).toEqual([]);
  });
});

describe('formatAuditDetails', () => {
  it('lists each recorded value by its path, lists joined, empty lists left out', () => {
    expect(formatAuditDetails(entries[2]!.details)).toEqual([
      'sections: procedures',
      'ids.procedures.added: kosodate',
    ]);
    expect(formatAuditDetails({ role: 'admin', sessions: 3, ip: '127.0.0.1' })).toEqual([
      'role: admin',
      'sessions: 3',
      'ip: 127.0.0.1',
    ]);
    expect(formatAuditDetails(null)).toEqual([]);
  });
});

describe('audit actions', () => {
  it('words every known action in both languages, and knows no others', () => {
    for (const action of knownAuditActions) {
      expect(isKnownAuditAction(action)).toBe(true);
      expect(ja[`admin.audit-action.${action}`]).toBeTruthy();
      expect(en[`admin.audit-action.${action}`]).toBeTruthy();
    }
    expect(isKnownAuditAction('future-thing')).toBe(false);
  });
});
