import type { Catalog } from './schema.ts';

const DAY_MS = 86_400_000;

/** Retention periods in milliseconds. */
export interface RetentionPeriods {
  captureMs: number;
  freeTextMs: number;
}

/** The catalogue's retention section when it has one, else the environment's settings. */
export function retentionOf(catalog: Catalog, defaults: RetentionPeriods): RetentionPeriods {
  if (!catalog.retention) return defaults;
  return {
    captureMs: catalog.retention.captureDays * DAY_MS,
    freeTextMs: catalog.retention.freeTextDays * DAY_MS,
  };
}
