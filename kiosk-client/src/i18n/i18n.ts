import type { Language } from '@madoguchi/shared';
import { createI18n, type Translate as TranslateKey } from '@madoguchi/shared/client/ui';
import { dictionaries, type MessageKey } from './messages.ts';
import { operatorDictionaries, type OperatorMessageKey } from './operator-messages.ts';

export type Translate = TranslateKey<MessageKey>;

/** The kiosk's language belongs to the current resident, so it is owned by the controller, not here. */
export const { I18nProvider, useI18n } = createI18n<Language, MessageKey>(dictionaries);

/** The operator's settings screen: Japanese (English for an operator who asks). */
export const { I18nProvider: OperatorI18nProvider, useI18n: useOperatorI18n } = createI18n<
  'ja' | 'en',
  MessageKey | OperatorMessageKey
>(operatorDictionaries);
