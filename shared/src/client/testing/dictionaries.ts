import { errorCodes } from '../../errors.ts';
import type { UiMessageKey } from '../ui/i18n.tsx';

/** Every key the shared components read, listed at run time. */
export const uiMessageKeys: readonly UiMessageKey[] = [
  'language.label',
  'connection.lost',
  'error.dismiss',
  ...errorCodes.map((code) => `error.${code}` as const),
  'error.media-devices',
  'error.unknown',
  'chat.title',
  'chat.empty',
  'chat.input-label',
  'chat.send',
  'chat.sending',
  'chat.failed',
  'chat.self',
  'chat.peer',
];

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .sort()
    .join(',');

/**
 * What is wrong with an app's dictionaries, one line per problem (none: all is well): a key the
 * source language (the first) has and another lacks or adds, an empty text, a text whose
 * placeholders differ from the source's, a key the shared components need and nobody has.
 */
export function dictionaryProblems(
  dictionaries: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string[] {
  const problems: string[] = [];
  const [source, ...others] = Object.entries(dictionaries);
  if (!source) return ['no dictionary'];
  const [sourceLanguage, sourceMessages] = source;
  for (const key of uiMessageKeys) {
    if (!(key in sourceMessages))
      problems.push(`${sourceLanguage} lacks ${key}, which a shared component needs`);
  }
  for (const [language, messages] of [source, ...others]) {
    for (const [key, text] of Object.entries(messages)) {
      if (text.trim() === '') problems.push(`${language} ${key} is empty`);
      const sourceText = sourceMessages[key];
      if (sourceText === undefined) {
        problems.push(`${language} has ${key}, which ${sourceLanguage} does not`);
      } else if (placeholders(text) !== placeholders(sourceText)) {
        problems.push(`${language} ${key} has other placeholders than ${sourceLanguage}`);
      }
    }
    for (const key of Object.keys(sourceMessages)) {
      if (!(key in messages)) problems.push(`${language} lacks ${key}`);
    }
  }
  return problems;
}
