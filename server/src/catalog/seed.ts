import { readFileSync } from 'node:fs';
import { loadCatalog } from './load-catalog.ts';
import type { Catalog } from './schema.ts';

/** Path of the Tama City catalog shipped with the repository. */
export const tamaSeedUrl = new URL('./seed/tama.json', import.meta.url);

/** Reads and validates the Tama City seed (read from disk: JSON imports are outside the TS project). */
export function tamaCatalog(): Catalog {
  return loadCatalog(JSON.parse(readFileSync(tamaSeedUrl, 'utf8')));
}
