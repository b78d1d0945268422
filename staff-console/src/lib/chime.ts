/**
 * A short two-tone chime made with WebAudio (no audio file to fetch or cache). The context is made
 * once and resumed at each chime: browsers start it suspended until the page had a user gesture,
 * and on-site staff have always pressed something (the login) before a help request arrives.
 */
export function createChime(): () => void {
  let context: AudioContext | null = null;
  return () => {
    try {
      context ??= new AudioContext();
      const audio = context;
      void audio.resume().then(() => {
        const start = audio.currentTime;
        for (const [offset, frequency] of [
          [0, 880],
          [0.18, 660],
        ] as const) {
          const oscillator = audio.createOscillator();
          const gain = audio.createGain();
          oscillator.type = 'sine';
          oscillator.frequency.value = frequency;
          // A quick fade in and out, so the tone does not click.
          gain.gain.setValueAtTime(0, start + offset);
          gain.gain.linearRampToValueAtTime(0.25, start + offset + 0.02);
          gain.gain.linearRampToValueAtTime(0, start + offset + 0.16);
          oscillator.connect(gain).connect(audio.destination);
          oscillator.start(start + offset);
          oscillator.stop(start + offset + 0.17);
        }
      });
    } catch {
      // No audio on this machine: the help list is on screen all the same.
    }
  };
}
