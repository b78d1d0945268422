import type { ConnectionQuality as Quality } from '@madoguchi/shared/client';
import { useI18n } from '../../../i18n/i18n.ts';

const bars: Record<Quality, number> = { good: 3, fair: 2, poor: 1 };

/** Signal bars and a word: the quality is never told by colour alone. */
export function ConnectionQuality({ quality }: { quality: Quality | null }) {
  const { t } = useI18n();
  const level = quality ? bars[quality] : 0;
  return (
    <p
      className="connection-quality"
      data-testid="connection-quality"
      data-quality={quality ?? 'unknown'}
      role="status"
    >
      <svg className="connection-quality__bars" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
        {[0, 1, 2].map((index) => (
          <rect
            key={index}
            x={index * 6}
            y={10 - index * 4}
            width="4"
            height={4 + index * 4}
            rx="1"
            fill={index < level ? 'currentColor' : 'none'}
            stroke="currentColor"
          />
        ))}
      </svg>
      <span>
        {t('quality.label')}: {quality ? t(`quality.${quality}`) : t('waiting.checking')}
      </span>
    </p>
  );
}
