import { useI18n } from '../../../i18n/i18n.ts';
import { issuesAt, weekdaysFromMonday, type CatalogDraft, type HoursDraft } from '../catalog-draft.ts';
import type { CatalogSectionProps } from './catalog-section.ts';
import { AddButton, CheckboxField, IssueMessages, RemoveButton, TextField } from './catalog-fields.tsx';

/**
 * Opening hours: headquarters' and each booth's weekly pattern and their dated exceptions
 * (holidays, short days). A kiosk takes calls only while both its booth and headquarters are open.
 */
export function CatalogHours({ draft, issues, onEdit }: CatalogSectionProps) {
  const { t, language } = useI18n();
  return (
    <>
      <p className="notice catalog__lead">{t('catalog.hours-lead')}</p>
      <HoursEditor
        title={draft.headquarters.name[language] || t('catalog.headquarters')}
        hours={draft.headquarters.hours}
        path="headquarters.hours"
        testId="catalog-hours-hq"
        issues={issues}
        onEdit={(change) => onEdit((copy) => change(copy.headquarters.hours))}
      />
      {draft.booths.map((booth, index) => (
        <HoursEditor
          key={index}
          title={booth.name[language] || booth.id || t('catalog.untitled')}
          hours={booth.hours}
          path={`booths[${index}].hours`}
          testId={`catalog-hours-booth-${index}`}
          issues={issues}
          onEdit={(change) => onEdit((copy) => change(copy.booths[index]!.hours))}
        />
      ))}
    </>
  );
}

interface HoursEditorProps {
  title: string;
  hours: HoursDraft;
  path: string;
  testId: string;
  issues: CatalogSectionProps['issues'];
  onEdit: (change: (hours: CatalogDraft['headquarters']['hours']) => void) => void;
}

function HoursEditor({ title, hours, path, testId, issues, onEdit }: HoursEditorProps) {
  const { t } = useI18n();
  const titleId = `${testId}-title`;
  return (
    <section className="card catalog__section" aria-labelledby={titleId} data-testid={testId}>
      <h2 className="card__title" id={titleId}>
        {t('catalog.hours-of', { name: title })}
      </h2>
      <table className="table catalog__week">
        <caption className="catalog__caption">{t('catalog.weekly')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalog.weekday')}</th>
            <th scope="col">{t('catalog.intervals')}</th>
          </tr>
        </thead>
        <tbody>
          {weekdaysFromMonday.map((day) => (
            <tr key={day} data-testid={`${testId}-${day}`}>
              <th scope="row">{t(`catalog.day.${day}`)}</th>
              <td>
                <Intervals
                  intervals={hours.weekly[day]}
                  path={`${path}.weekly.${day}`}
                  dayLabel={t(`catalog.day.${day}`)}
                  testId={`${testId}-${day}`}
                  issues={issues}
                  onEdit={(change) => onEdit((copy) => change(copy.weekly[day]))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="admin__subtitle">{t('catalog.exceptions')}</h3>
      <p className="notice">{t('catalog.exceptions-lead')}</p>
      {hours.exceptions.map((exception, index) => {
        const at = `${path}.exceptions[${index}]`;
        const label = exception.note || exception.from || t('catalog.untitled');
        return (
          <fieldset
            key={index}
            className="catalog__row catalog__exception"
            data-testid={`${testId}-exception-${index}`}
          >
            <legend className="catalog__legend">{label}</legend>
            <div className="catalog__inline">
              <TextField
                type="date"
                label={t('catalog.exception-from')}
                value={exception.from}
                onChange={(from) => onEdit((copy) => void (copy.exceptions[index]!.from = from))}
                issues={issues}
                path={`${at}.from`}
                testId={`${testId}-exception-${index}-from`}
              />
              <TextField
                type="date"
                label={t('catalog.exception-to')}
                hint={t('catalog.exception-to-hint')}
                value={exception.to ?? ''}
                onChange={(to) =>
                  onEdit((copy) => {
                    const target = copy.exceptions[index]!;
                    if (to === '') delete target.to;
                    else target.to = to;
                  })
                }
                issues={issues}
                path={`${at}.to`}
                testId={`${testId}-exception-${index}-to`}
              />
              <TextField
                label={t('catalog.exception-note')}
                value={exception.note}
                onChange={(note) => onEdit((copy) => void (copy.exceptions[index]!.note = note))}
                issues={issues}
                path={`${at}.note`}
                testId={`${testId}-exception-${index}-note`}
              />
            </div>
            <CheckboxField
              label={t('catalog.exception-closed')}
              checked={exception.intervals.length === 0}
              onChange={(isClosed) =>
                onEdit(
                  (copy) =>
                    void (copy.exceptions[index]!.intervals = isClosed
                      ? []
                      : [{ open: '09:00', close: '12:00' }]),
                )
              }
              testId={`${testId}-exception-${index}-closed`}
            />
            {exception.intervals.length > 0 && (
              <Intervals
                intervals={exception.intervals}
                path={`${at}.intervals`}
                dayLabel={label}
                testId={`${testId}-exception-${index}`}
                issues={issues}
                onEdit={(change) => onEdit((copy) => change(copy.exceptions[index]!.intervals))}
              />
            )}
            <RemoveButton
              label={label}
              onRemove={() => onEdit((copy) => void copy.exceptions.splice(index, 1))}
              testId={`${testId}-exception-${index}-remove`}
            />
          </fieldset>
        );
      })}
      <AddButton
        label={t('catalog.add-exception')}
        onAdd={() => onEdit((copy) => void copy.exceptions.push({ from: '', intervals: [], note: '' }))}
        testId={`${testId}-exception-add`}
      />
    </section>
  );
}

type IntervalsDraft = HoursDraft['weekly']['mon'];

const untilMidnight = '24:00';
/** Where the close time starts again when "until midnight" is unticked. */
const lateEvening = '23:00';

/** One day's open intervals ("closed" when there are none), each with its own open and close time. */
function Intervals({
  intervals,
  path,
  dayLabel,
  testId,
  issues,
  onEdit,
}: {
  intervals: IntervalsDraft;
  path: string;
  dayLabel: string;
  testId: string;
  issues: CatalogSectionProps['issues'];
  onEdit: (change: (intervals: IntervalsDraft) => void) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="catalog__intervals">
      {intervals.length === 0 && <span className="catalog__closed">{t('catalog.closed')}</span>}
      {intervals.map((interval, index) => (
        <div key={index} className="catalog__interval" data-testid={`${testId}-interval-${index}`}>
          <TextField
            type="time"
            label={t('catalog.open-at')}
            value={interval.open}
            onChange={(open) => onEdit((copy) => void (copy[index]!.open = open))}
            issues={issues}
            path={`${path}[${index}].open`}
            testId={`${testId}-interval-${index}-open`}
          />
          {/* A time field cannot hold 24:00, so open-until-midnight is a box of its own. */}
          {interval.close !== untilMidnight && (
            <TextField
              type="time"
              label={t('catalog.close-at')}
              value={interval.close}
              onChange={(close) => onEdit((copy) => void (copy[index]!.close = close))}
              issues={issues}
              path={`${path}[${index}].close`}
              testId={`${testId}-interval-${index}-close`}
            />
          )}
          <CheckboxField
            label={t('catalog.until-midnight')}
            checked={interval.close === untilMidnight}
            onChange={(isChecked) =>
              onEdit((copy) => void (copy[index]!.close = isChecked ? untilMidnight : lateEvening))
            }
            testId={`${testId}-interval-${index}-until-midnight`}
          />
          <RemoveButton
            label={t('catalog.interval-named', { day: dayLabel, open: interval.open, close: interval.close })}
            onRemove={() => onEdit((copy) => void copy.splice(index, 1))}
            testId={`${testId}-interval-${index}-remove`}
          />
        </div>
      ))}
      <IssueMessages issues={issuesAt(issues, path)} />
      <AddButton
        label={t('catalog.add-interval')}
        onAdd={() =>
          onEdit((copy) => void copy.push({ open: copy.at(-1)?.close ?? '08:30', close: '17:00' }))
        }
        testId={`${testId}-interval-add`}
      />
    </div>
  );
}
