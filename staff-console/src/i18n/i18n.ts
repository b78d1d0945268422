import { createI18n, type Translate as TranslateKey } from '@madoguchi/shared/client/ui';
import { dictionaries, type MessageKey } from './messages.ts';

export type Translate = TranslateKey<MessageKey>;

export const { I18nProvider, useI18n } = createI18n(dictionaries);
