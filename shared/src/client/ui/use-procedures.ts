import { useEffect, useState } from 'react';
import type { Procedure } from '../../consultation.ts';
import { fetchProcedures } from './fetch-procedures.ts';

export interface ProceduresState {
  procedures: readonly Procedure[] | null;
  error: unknown;
}

const RETRY_MS = 10_000;

/**
 * The procedure list, retried until the server answers (kiosks boot before the server sometimes),
 * and with `refreshMs` fetched again that often, so a procedure an administrator added or renamed
 * reaches a page that stays open for days. A failed refresh keeps the list it had.
 */
export function useProcedures(options: { refreshMs?: number } = {}): ProceduresState {
  const { refreshMs } = options;
  const [state, setState] = useState<ProceduresState>({ procedures: null, error: null });
  useEffect(() => {
    const abort = new AbortController();
    let next: ReturnType<typeof setTimeout> | undefined;
    let hasList = false;
    const load = async () => {
      try {
        const procedures = await fetchProcedures(abort.signal);
        hasList = true;
        setState({ procedures, error: null });
        if (refreshMs !== undefined) next = setTimeout(() => void load(), refreshMs);
      } catch (error) {
        if (abort.signal.aborted) return;
        if (!hasList) setState((previous) => ({ ...previous, error }));
        next = setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    return () => {
      abort.abort();
      clearTimeout(next);
    };
  }, [refreshMs]);
  return state;
}
