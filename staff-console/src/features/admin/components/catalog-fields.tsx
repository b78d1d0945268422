import type { CatalogIssue } from '@madoguchi/shared/catalog';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { fieldFromNumber, issuesAt, numberFromField, optionalNameLanguages } from '../catalog-draft.ts';

/** The draft's issues and where a field sits in the document, for the messages beside it. */
export interface FieldContext {
  issues: readonly CatalogIssue[];
  /** `procedures[2].name.ja`: the issues of exactly this path are shown under the field. */
  path: string;
}

/** The issues of one field (or one list), each in the console's words. */
export function IssueMessages({ issues, id }: { issues: readonly CatalogIssue[]; id?: string }) {
  const { t } = useI18n();
  if (issues.length === 0) return null;
  return (
    <span className="catalog__issues" id={id}>
      {issues.map((issue, index) => (
        <span
          key={index}
          className="catalog__issue"
          data-testid="catalog-issue"
          data-code={issue.code}
          data-path={issue.path}
        >
          {t(`catalog.issue.${issue.code}`, { subject: issue.subject ?? '' })}
        </span>
      ))}
    </span>
  );
}

/** The issues at a list's own path (in use, duplicates), shown above its rows. */
export function ListIssues({ issues, path }: FieldContext) {
  const here = issuesAt(issues, path);
  if (here.length === 0) return null;
  return (
    <p className="form__problem" role="alert">
      <IssueMessages issues={here} />
    </p>
  );
}

interface LabelledProps extends FieldContext {
  label: string;
  hint?: string;
  testId: string;
}

function Field({
  label,
  hint,
  issues,
  path,
  children,
}: LabelledProps & {
  children: (aria: { 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const messageId = useId();
  const here = issuesAt(issues, path);
  const aria =
    here.length > 0 ? { 'aria-invalid': true, 'aria-describedby': messageId } : { 'aria-invalid': false };
  return (
    <label className="field catalog__field">
      <span className="field__label">{label}</span>
      {children(aria)}
      {hint && <span className="field__hint">{hint}</span>}
      <IssueMessages issues={here} id={messageId} />
    </label>
  );
}

export function TextField({
  value,
  onChange,
  type = 'text',
  ...props
}: LabelledProps & { value: string; onChange: (value: string) => void; type?: 'text' | 'time' | 'date' }) {
  return (
    <Field {...props}>
      {(aria) => (
        <input
          className="field__input"
          type={type}
          data-testid={props.testId}
          value={value}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          {...aria}
        />
      )}
    </Field>
  );
}

export function NumberField({
  value,
  onChange,
  min,
  max,
  ...props
}: LabelledProps & { value: number; onChange: (value: number) => void; min: number; max: number }) {
  return (
    <Field {...props}>
      {(aria) => (
        <input
          className="field__input catalog__number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          data-testid={props.testId}
          value={fieldFromNumber(value)}
          onChange={(event) => onChange(numberFromField(event.target.value))}
          {...aria}
        />
      )}
    </Field>
  );
}

export function SelectField({
  value,
  options,
  onChange,
  ...props
}: LabelledProps & {
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <Field {...props}>
      {(aria) => (
        <select
          className="field__input"
          data-testid={props.testId}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...aria}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
}) {
  return (
    <label className="catalog__checkbox">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

/**
 * A list of short codes typed as `ja, en`: the text stays as typed (a trailing comma included)
 * while it says what the draft holds, and follows the draft when that changes from elsewhere (a
 * discard, a reload); issues of any entry are shown under the field.
 */
export function CodeListField({
  value,
  onChange,
  ...props
}: LabelledProps & { value: readonly string[]; onChange: (value: string[]) => void }) {
  const [typed, setTyped] = useState(value.join(', '));
  const text = codesOf(typed).join('\n') === value.join('\n') ? typed : value.join(', ');
  const nested = props.issues.filter(
    (issue) => issue.path === props.path || issue.path.startsWith(`${props.path}[`),
  );
  return (
    <Field {...props} issues={nested.map((issue) => ({ ...issue, path: props.path }))}>
      {(aria) => (
        <input
          className="field__input"
          data-testid={props.testId}
          value={text}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          onChange={(event) => {
            setTyped(event.target.value);
            onChange(codesOf(event.target.value));
          }}
          {...aria}
        />
      )}
    </Field>
  );
}

const codesOf = (text: string): string[] => text.split(/[\s,、]+/).filter(Boolean);

type Names = { ja: string; en: string } & Partial<Record<(typeof optionalNameLanguages)[number], string>>;

/** Japanese and English names, and the optional resident languages folded away until needed. */
export function NamesFields({
  names,
  onChange,
  issues,
  path,
  testId,
}: FieldContext & { names: Names; onChange: (names: Names) => void; testId: string }) {
  const { t } = useI18n();
  const set = (language: keyof Names, value: string) => {
    const next = { ...names };
    if (value === '' && language !== 'ja' && language !== 'en') delete next[language];
    else next[language] = value;
    onChange(next);
  };
  const hasOptionalIssue = optionalNameLanguages.some(
    (language) => issuesAt(issues, `${path}.${language}`).length > 0,
  );
  return (
    <div className="catalog__names">
      <TextField
        label={t('catalog.name-ja')}
        value={names.ja}
        onChange={(value) => set('ja', value)}
        issues={issues}
        path={`${path}.ja`}
        testId={`${testId}-ja`}
      />
      <TextField
        label={t('catalog.name-en')}
        value={names.en}
        onChange={(value) => set('en', value)}
        issues={issues}
        path={`${path}.en`}
        testId={`${testId}-en`}
      />
      <details className="catalog__more-names" open={hasOptionalIssue || undefined}>
        <summary>{t('catalog.names-more')}</summary>
        {optionalNameLanguages.map((language) => (
          <TextField
            key={language}
            label={t(`catalog.name-${language}`)}
            hint={t('catalog.name-optional-hint')}
            value={names[language] ?? ''}
            onChange={(value) => set(language, value)}
            issues={issues}
            path={`${path}.${language}`}
            testId={`${testId}-${language}`}
          />
        ))}
      </details>
    </div>
  );
}

/** A row's remove button, named after what it removes for screen readers. */
export function RemoveButton({
  label,
  onRemove,
  testId,
}: {
  label: string;
  onRemove: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="button button--small button--secondary"
      data-testid={testId}
      aria-label={t('catalog.remove-named', { name: label })}
      onClick={onRemove}
    >
      {t('catalog.remove')}
    </button>
  );
}

export function AddButton({ label, onAdd, testId }: { label: string; onAdd: () => void; testId: string }) {
  return (
    <button type="button" className="button button--small" data-testid={testId} onClick={onAdd}>
      {label}
    </button>
  );
}
