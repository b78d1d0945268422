import type { StaffLanguage } from '@madoguchi/shared';
import { createI18n, type Translate as TranslateKey } from '@madoguchi/shared/client/ui';
import { dictionaries, type MessageKey } from './messages.ts';

export type Translate = TranslateKey<MessageKey>;

/** The console speaks Japanese and English; residents' languages are shown by name. */
export const { I18nProvider, useI18n } = createI18n<StaffLanguage, MessageKey>(dictionaries);
