import { useEffect, useState } from 'react';
import type { Procedure } from '../../consultation.ts';
import { fetchProcedures } from './fetch-procedures.ts';

export interface ProceduresState {
  procedures: readonly Procedure[] | null;
  error: unknown;
}

const RETRY_MS = 10_000;

/** The procedure list, retried until the server answers (kiosks boot before the server sometimes). */
export function useProcedures(): ProceduresState {
  const [state, setState] = useState<ProceduresState>({ procedures: null, error: null });
  useEffect(() => {
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const procedures = await fetchProcedures(abort.signal);
        setState({ procedures, error: null });
      } catch (error) {
        if (abort.signal.aborted) return;
        setState((previous) => ({ ...previous, error }));
        retry = setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    return () => {
      abort.abort();
      clearTimeout(retry);
    };
  }, []);
  return state;
}
