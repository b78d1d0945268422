/** The kiosk's icons: simple line drawings beside words, never instead of them. */
export type IconName =
  | 'help'
  | 'globe'
  | 'text-size'
  | 'contrast'
  | 'back'
  | 'phone'
  | 'hang-up'
  | 'zoom-in'
  | 'zoom-out'
  | 'close'
  | 'warning'
  | 'check'
  | 'start';

const paths: Record<IconName, string> = {
  help: 'M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.5',
  globe: 'M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM2 12h20M12 2c3 3 3 17 0 20M12 2c-3 3-3 17 0 20',
  'text-size': 'M3 19L8 5l5 14M5 14h6M14 19l3.5-9 3.5 9M15.2 16h4.6',
  contrast: 'M12 2a10 10 0 1 0 0 20zM12 2a10 10 0 1 1 0 20',
  back: 'M15 4l-8 8 8 8M7 12h14',
  phone: 'M5 3h4l2 5-3 2a12 12 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A18 18 0 0 1 3 5a2 2 0 0 1 2-2z',
  'hang-up': 'M2 14c6-6 14-6 20 0l-3 3-4-2v-3a12 12 0 0 0-6 0v3l-4 2z',
  'zoom-in': 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14zM15 15l6 6M7 10h6M10 7v6',
  'zoom-out': 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14zM15 15l6 6M7 10h6',
  close: 'M5 5l14 14M19 5L5 19',
  warning: 'M12 3L2 21h20zM12 10v5M12 18v.5',
  check: 'M4 12l5 5L20 6',
  start: 'M8 4l12 8-12 8z',
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={['icon', className ?? ''].join(' ').trim()}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
