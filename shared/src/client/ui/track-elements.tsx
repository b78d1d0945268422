import { useEffect, useRef, type RefObject } from 'react';

type Track = MediaStreamTrack | null | undefined;

/**
 * Binds one track to a media element for as long as both exist. A fresh MediaStream per binding:
 * an element must never share its stream object with another element that may empty it.
 */
function useTrackSource(ref: RefObject<HTMLMediaElement | null>, track: Track): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    return () => {
      element.srcObject = null;
    };
  }, [ref, track]);
}

export interface TrackVideoProps {
  track: Track;
  testId: string;
  className?: string;
  /** Self-views are mirrored so that moving left moves left on screen. */
  isMirrored?: boolean;
  label?: string;
}

/** A `<video>` showing one track; the element stays mounted and is emptied when the track goes. */
export function TrackVideo({ track, testId, className, isMirrored = false, label }: TrackVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useTrackSource(ref, track);
  return (
    <video
      ref={ref}
      data-testid={testId}
      className={['video', isMirrored ? 'video--mirrored' : '', className ?? ''].join(' ').trim()}
      aria-label={label}
      autoPlay
      playsInline
      // Audio always plays through the separate <audio> element; a muted video may autoplay.
      muted
    />
  );
}

/** A hidden `<audio>` playing one remote audio track. */
export function TrackAudio({ track, testId }: { track: Track; testId: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useTrackSource(ref, track);
  return <audio ref={ref} data-testid={testId} autoPlay />;
}
