import { useEffect, useState } from 'react';
import { listVideoInputs, type VideoInput } from '../../../lib/media-devices.ts';

export interface VideoInputsState {
  inputs: readonly VideoInput[] | null;
  error: unknown;
}

export function useVideoInputs(): VideoInputsState {
  const [state, setState] = useState<VideoInputsState>({ inputs: null, error: null });
  useEffect(() => {
    let isCurrent = true;
    listVideoInputs().then(
      (inputs) => isCurrent && setState({ inputs, error: null }),
      (error: unknown) => isCurrent && setState({ inputs: [], error }),
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return state;
}
