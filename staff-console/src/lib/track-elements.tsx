import { useEffect, useRef } from 'react';

interface TrackVideoProps {
  track: MediaStreamTrack | null | undefined;
  testId: string;
  className?: string;
  /** Self-views are mirrored so that moving left moves left on screen. */
  isMirrored?: boolean;
  label?: string;
}

/** A `<video>` showing one track; the element stays mounted and is emptied when the track goes. */
export function TrackVideo({ track, testId, className, isMirrored = false, label }: TrackVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    return () => {
      element.srcObject = null;
    };
  }, [track]);
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
export function TrackAudio({
  track,
  testId,
}: {
  track: MediaStreamTrack | null | undefined;
  testId: string;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    return () => {
      element.srcObject = null;
    };
  }, [track]);
  return <audio ref={ref} data-testid={testId} autoPlay />;
}
