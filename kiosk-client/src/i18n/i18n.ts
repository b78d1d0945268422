import { createI18n, type Translate as TranslateKey } from '@madoguchi/shared/client/ui';
import { dictionaries, type MessageKey } from './messages.ts';

export type Translate = TranslateKey<MessageKey>;

/** The kiosk's language belongs to the current resident, so it is owned by the controller, not here. */
export const { I18nProvider, useI18n } = createI18n(dictionaries);
