import type { Procedure } from '../../consultation.ts';
import { proceduresResponseSchema } from '../../http.ts';

/** The procedures the window handles, from the page's own origin. */
export async function fetchProcedures(signal: AbortSignal): Promise<Procedure[]> {
  const response = await fetch('/api/procedures', { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/procedures answered ${response.status}`);
  return proceduresResponseSchema.parse(await response.json()).procedures;
}
