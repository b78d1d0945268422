import type { ConsultationView, Procedure, ProcedureId, StaffId } from '@madoguchi/shared';
import { useId, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { statusText } from '../../../i18n/status-text.ts';
import { procedureName } from '../../../lib/procedure-name.ts';
import type { TeamState } from '../team-desk.ts';

/** The server's limit on a transfer's or an invitation's note. */
const MAX_NOTE = 300;

/** What the clerk can do about who serves the resident. */
export interface TeamActions {
  loadColleagues: () => void;
  invite: (staffId: StaffId, note: string) => void;
  transfer: (procedureId: ProcedureId, note: string) => void;
  leave: () => void;
}

interface TeamPanelProps {
  consultation: ConsultationView;
  procedures: readonly Procedure[] | null;
  team: TeamState | null;
  actions: TeamActions;
}

type Dialog = 'transfer' | 'invite' | null;

/** 回らない窓口: bring a colleague into the call, hand the resident to another queue, or leave. */
export function TeamPanel({ consultation, procedures, team, actions }: TeamPanelProps) {
  const { language, t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { transfer } = consultation;
  const invitation = team?.invitation ?? null;
  const isInviting = invitation?.status === 'sending' || invitation?.status === 'pending';
  return (
    <section className="team-panel" aria-label={t('team.title')}>
      <div className="actions actions--start">
        <button
          type="button"
          className="button button--secondary"
          data-testid="transfer-open"
          aria-expanded={dialog === 'transfer'}
          disabled={transfer !== null || team?.isTransferring === true}
          onClick={() => setDialog(dialog === 'transfer' ? null : 'transfer')}
        >
          {t('transfer.open')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="invite-open"
          aria-expanded={dialog === 'invite'}
          onClick={() => {
            if (dialog !== 'invite') actions.loadColleagues();
            setDialog(dialog === 'invite' ? null : 'invite');
          }}
        >
          {t('invite.open')}
        </button>
        {consultation.staff.length >= 2 && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="leave-call"
            disabled={team?.isLeaving === true}
            onClick={actions.leave}
          >
            {t('team.leave')}
          </button>
        )}
      </div>
      {transfer && (
        <p
          className="team-panel__status"
          role="status"
          data-testid="transfer-status"
          data-status={transfer.status}
        >
          {t(`transfer.status-${transfer.status}`, {
            procedure: procedureName(procedures, transfer.procedureId, language),
          })}
        </p>
      )}
      {invitation && (
        <p
          className="team-panel__status"
          role="status"
          data-testid="invite-status"
          data-status={invitation.status}
        >
          {t(`invite.status-${invitation.status}`, { name: invitation.displayName })}
        </p>
      )}
      {team?.isLastClerk && (
        <p className="form__problem" role="alert" data-testid="leave-refused">
          {t('team.last-clerk')}
        </p>
      )}
      {dialog === 'transfer' && transfer === null && (
        <TransferDialog
          currentProcedureId={consultation.procedureId}
          procedures={procedures}
          isTransferring={team?.isTransferring === true}
          onConfirm={(procedureId, note) => {
            actions.transfer(procedureId, note);
            setDialog(null);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'invite' && (
        <InviteDialog
          team={team}
          isInviting={isInviting}
          onConfirm={(staffId, note) => {
            actions.invite(staffId, note);
            setDialog(null);
          }}
          onRefresh={actions.loadColleagues}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}

function TransferDialog({
  currentProcedureId,
  procedures,
  isTransferring,
  onConfirm,
  onCancel,
}: {
  currentProcedureId: ProcedureId;
  procedures: readonly Procedure[] | null;
  isTransferring: boolean;
  onConfirm: (procedureId: ProcedureId, note: string) => void;
  onCancel: () => void;
}) {
  const { language, t } = useI18n();
  const id = useId();
  const others = (procedures ?? []).filter((procedure) => procedure.id !== currentProcedureId);
  const [procedureId, setProcedureId] = useState<ProcedureId | ''>('');
  const [note, setNote] = useState('');
  return (
    <form
      className="card team-dialog"
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="transfer-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (procedureId !== '') onConfirm(procedureId, note);
      }}
    >
      <h3 className="team-dialog__title" id={`${id}-title`}>
        {t('transfer.title')}
      </h3>
      <label className="field">
        <span className="field__label">{t('transfer.procedure')}</span>
        <select
          className="field__input"
          data-testid="transfer-procedure"
          value={procedureId}
          onChange={(event) => {
            const chosen = others.find((procedure) => procedure.id === event.target.value);
            setProcedureId(chosen?.id ?? '');
          }}
        >
          <option value="">{t('transfer.choose')}</option>
          {others.map((procedure) => (
            <option key={procedure.id} value={procedure.id}>
              {procedure.name[language]}
            </option>
          ))}
        </select>
      </label>
      <NoteField testId="transfer-note" label={t('transfer.note')} note={note} onChange={setNote} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('team.cancel')}
        </button>
        <button
          type="submit"
          className="button"
          data-testid="transfer-confirm"
          disabled={procedureId === '' || isTransferring}
        >
          {t('transfer.confirm')}
        </button>
      </div>
    </form>
  );
}

function InviteDialog({
  team,
  isInviting,
  onConfirm,
  onRefresh,
  onCancel,
}: {
  team: TeamState | null;
  isInviting: boolean;
  onConfirm: (staffId: StaffId, note: string) => void;
  onRefresh: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState<StaffId | null>(null);
  const [note, setNote] = useState('');
  const colleagues = team?.colleagues ?? null;
  const available = colleagues?.find(
    (colleague) => colleague.staffId === chosen && colleague.status === 'available',
  );
  return (
    <form
      className="card team-dialog"
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="invite-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (available) onConfirm(available.staffId, note);
      }}
    >
      <h3 className="team-dialog__title" id={`${id}-title`}>
        {t('invite.title')}
      </h3>
      <fieldset className="team-dialog__colleagues">
        <legend>{t('invite.colleagues')}</legend>
        {colleagues === null ? (
          <p className="notice">{t('invite.loading')}</p>
        ) : colleagues.length === 0 ? (
          <p className="notice" data-testid="invite-empty">
            {t('invite.empty')}
          </p>
        ) : (
          colleagues.map((colleague) => {
            const isAvailable = colleague.status === 'available';
            return (
              <label
                key={colleague.staffId}
                className="team-dialog__colleague"
                data-testid={`invite-colleague-${colleague.staffId}`}
                data-status={colleague.status}
              >
                <input
                  type="radio"
                  name={`${id}-colleague`}
                  value={colleague.staffId}
                  disabled={!isAvailable}
                  checked={chosen === colleague.staffId}
                  onChange={() => setChosen(colleague.staffId)}
                />
                <span className="team-dialog__name">{colleague.displayName}</span>
                <span className="tag">{statusText(colleague.status, null, t)}</span>
                <span className="notice">
                  {t('invite.skills', {
                    skills: colleague.skills.join(t('team.list-separator')) || '—',
                    languages: colleague.languages.join(t('team.list-separator')) || '—',
                  })}
                </span>
              </label>
            );
          })
        )}
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={team?.isLoadingColleagues === true}
          onClick={onRefresh}
        >
          {t('invite.refresh')}
        </button>
      </fieldset>
      <NoteField testId="invite-note" label={t('invite.note')} note={note} onChange={setNote} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('team.cancel')}
        </button>
        <button
          type="submit"
          className="button"
          data-testid="invite-confirm"
          disabled={!available || isInviting}
        >
          {t('invite.confirm')}
        </button>
      </div>
    </form>
  );
}

function NoteField({
  testId,
  label,
  note,
  onChange,
}: {
  testId: string;
  label: string;
  note: string;
  onChange: (note: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <textarea
        className="field__input"
        data-testid={testId}
        rows={3}
        maxLength={MAX_NOTE}
        value={note}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <span className="field__hint" id={`${id}-hint`}>
        {t('team.note-hint', { max: MAX_NOTE })} ({note.length})
      </span>
    </label>
  );
}
