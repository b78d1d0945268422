import type { ClerkProfile, RoutingProcedure, ServiceHours } from '../queue/types.ts';
import { allOf, neverOpen, openingSchedule, type OpeningSchedule } from './opening-hours.ts';
import type { Catalog, Clerk, SpokenLanguage, UiLanguage } from './schema.ts';

/** The catalog's procedures as routing steps: required skill first, the fallback group after its wait. */
export function routingProcedures(catalog: Catalog): RoutingProcedure[] {
  const groups = new Map(catalog.skillGroups.map((g) => [g.id as string, g.skills]));
  return catalog.procedures.map((p) => ({
    id: p.id,
    steps: [
      { afterMs: 0, skills: [p.requiredSkill] },
      ...(p.fallback
        ? [{ afterMs: p.fallback.afterSeconds * 1000, skills: groups.get(p.fallback.skillGroup)! }]
        : []),
    ],
    typicalHandlingMs: p.typicalHandlingMinutes * 60_000,
    isReservable: p.isReservable,
  }));
}

export function clerkProfile(clerk: Clerk): ClerkProfile {
  return { clerkId: clerk.id, skills: { ...clerk.skills }, languages: [...clerk.languages] };
}

/**
 * Spoken language a caller needs for a UI language. Japanese (plain or やさしい日本語) needs none:
 * every clerk speaks it, and not asking keeps all clerks eligible.
 */
export function requiredLanguage(ui: UiLanguage): SpokenLanguage | null {
  switch (ui) {
    case 'ja':
    case 'ja-easy':
      return null;
    case 'zh-Hans':
      return 'zh';
    default:
      return ui;
  }
}

/** Kiosk opening hours: the booth must be open (and in service) and headquarters staffed. */
export function serviceHours(
  catalog: Catalog,
): ServiceHours & { scheduleOf(kioskId: string): OpeningSchedule } {
  const hq = openingSchedule(catalog.headquarters.hours);
  const byKiosk = new Map<string, OpeningSchedule>();
  for (const booth of catalog.booths) {
    const schedule = booth.status === 'open' ? allOf([openingSchedule(booth.hours), hq]) : neverOpen;
    for (const kiosk of booth.kiosks) byKiosk.set(kiosk.id, schedule);
  }
  const scheduleOf = (kioskId: string): OpeningSchedule => byKiosk.get(kioskId) ?? neverOpen;
  return {
    scheduleOf,
    isOpen: (kioskId, at) => scheduleOf(kioskId).isOpen(at),
    nextOpening: (kioskId, after) => scheduleOf(kioskId).nextOpening(after),
  };
}
