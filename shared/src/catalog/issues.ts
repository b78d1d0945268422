import { z } from 'zod';

/**
 * What is wrong with one value of a catalogue, in words a form can translate: the schema's own
 * checks, the cross-references between sections, and (from the server only) live work a change
 * would strand.
 */
export const catalogIssueCodes = [
  /** Missing, or not the kind of value expected (text, number, list…). */
  'required',
  /** Too short, too small or too few (an empty name, a proficiency of 0, no language). */
  'too-small',
  /** Too long, too large or too many. */
  'too-big',
  /** Not in the expected format (an id, a time "HH:MM", a date, a language code). */
  'format',
  /** A value outside a fixed set (a status, the time zone). */
  'invalid-value',
  /** A field the catalogue does not know. */
  'unknown-field',
  /** Two values in the wrong order (open after close, overlapping intervals, a range ending first). */
  'order',
  /** The same id twice in one list. */
  'duplicate-id',
  /** A reference to a skill or skill group the catalogue does not have. */
  'unknown-reference',
  /** The change would strand live work (someone waiting, a call on a kiosk, a clerk signed in). */
  'in-use',
  /** Anything else. */
  'invalid',
] as const;
export const catalogIssueCodeSchema = z.enum(catalogIssueCodes);
export type CatalogIssueCode = z.infer<typeof catalogIssueCodeSchema>;

/** One problem found in a catalogue, located by its path in the JSON document. */
export const catalogIssueSchema = z.object({
  /** `procedures[3].fallback.skillGroup`; empty for the document as a whole. */
  path: z.string().max(300),
  code: catalogIssueCodeSchema,
  /** The id concerned, where the code is about one (a duplicate, an unknown reference, something in use). */
  subject: z.string().max(64).optional(),
  /** English, for logs and the API; forms word the code themselves. */
  message: z.string().max(300),
});
export type CatalogIssue = z.infer<typeof catalogIssueSchema>;

/** Renders a zod-style path as `procedures[3].fallback.skillGroup`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The schema's complaints as catalogue issues, in the order zod found them, one per path (the
 * first): a blank id is "required", not also "not an id".
 */
export function issuesFromZod(error: z.ZodError): CatalogIssue[] {
  const seen = new Set<string>();
  const issues: CatalogIssue[] = [];
  for (const issue of error.issues) {
    const path = formatPath(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, code: issueCodeOf(issue), message: issue.message });
  }
  return issues;
}

function issueCodeOf(issue: z.core.$ZodIssue): CatalogIssueCode {
  switch (issue.code) {
    case 'invalid_type':
      return 'required';
    case 'too_small':
      // An empty text is a missing one, whatever its rule's minimum is called.
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'required' : 'too-small';
    case 'too_big':
      return 'too-big';
    case 'invalid_format':
    case 'invalid_key':
      return 'format';
    case 'invalid_value':
      return 'invalid-value';
    case 'unrecognized_keys':
      return 'unknown-field';
    case 'custom':
      return issue.params?.['issue'] === 'order' ? 'order' : 'invalid';
    default:
      return 'invalid';
  }
}
