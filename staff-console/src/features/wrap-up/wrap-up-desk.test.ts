import type { CommandRequest, ConsultationView, HandoverTask } from '@madoguchi/shared';
import { SignallingError } from '@madoguchi/shared/client';
import { describe, expect, it, vi } from 'vitest';
import { WrapUpDesk, wrapUpProblem, type WrapUpState } from './wrap-up-desk.ts';

const consultation = {
  consultationId: '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11',
  procedureId: 'juumin-idou',
  kioskId: 'seiseki-1',
} as unknown as Pick<ConsultationView, 'consultationId' | 'procedureId' | 'kioskId'>;

const desk = (
  submit: (payload: CommandRequest<'consultation:wrap-up'>) => unknown = () => ({ tasks: [] }),
) => {
  const states: WrapUpState[] = [];
  const onFinish = vi.fn();
  const onError = vi.fn();
  const submitSpy = vi.fn(async (payload: CommandRequest<'consultation:wrap-up'>) => {
    return (await submit(payload)) as { tasks: HandoverTask[] };
  });
  const wrapUp = new WrapUpDesk({
    consultation,
    submit: submitSpy,
    onChange: (state) => states.push(state),
    onFinish,
    onError,
  });
  return { wrapUp, states, onFinish, onError, submit: submitSpy };
};

describe('wrapUpProblem', () => {
  const draft = { outcome: 'completed' as const, notes: '', tasks: [] };

  it('needs an outcome', () => {
    expect(wrapUpProblem({ ...draft, outcome: null })).toBe('missing-outcome');
    expect(wrapUpProblem(draft)).toBeNull();
  });

  it('counts lengths after trimming, as the server does', () => {
    expect(wrapUpProblem({ ...draft, notes: `  ${'a'.repeat(2000)}  ` })).toBeNull();
    expect(wrapUpProblem({ ...draft, notes: 'a'.repeat(2001) })).toBe('notes-too-long');
    const note = (length: number) => [{ kind: 'hand-over-certificate' as const, note: 'x'.repeat(length) }];
    expect(wrapUpProblem({ ...draft, tasks: note(300) })).toBeNull();
    expect(wrapUpProblem({ ...draft, tasks: note(301) })).toBe('task-note-too-long');
  });

  it('allows five tasks at most', () => {
    const task = { kind: 'online-service-help' as const, note: '' };
    expect(wrapUpProblem({ ...draft, tasks: Array(5).fill(task) })).toBeNull();
    expect(wrapUpProblem({ ...draft, tasks: Array(6).fill(task) })).toBe('too-many-tasks');
  });
});

describe('WrapUpDesk', () => {
  it('starts from the notes taken during the call, and sends them as edited', async () => {
    const submit = vi.fn(async () => ({ tasks: [] }));
    const wrapUp = new WrapUpDesk({
      consultation,
      notes: '転入届',
      submit,
      onChange: () => undefined,
      onFinish: vi.fn(),
      onError: vi.fn(),
    });
    expect(wrapUp.state.notes).toBe('転入届');
    wrapUp.setOutcome('completed');
    wrapUp.setNotes('転入届を受け付け');
    await wrapUp.submit();
    expect(submit).toHaveBeenCalledWith(expect.objectContaining({ notes: '転入届を受け付け' }));
  });

  it('holds back a draft without an outcome, and says why', async () => {
    const page = desk();
    await page.wrapUp.submit();
    expect(page.submit).not.toHaveBeenCalled();
    expect(page.wrapUp.state.problem).toBe('missing-outcome');
    page.wrapUp.setOutcome('referred');
    expect(page.wrapUp.state.problem).toBeNull();
  });

  it('adds up to five tasks, edits and removes them', () => {
    const page = desk();
    for (let i = 0; i < 7; i++) page.wrapUp.addTask();
    expect(page.wrapUp.state.tasks).toHaveLength(5);
    page.wrapUp.updateTask(1, { kind: 'receive-original-document', note: '戸籍謄本の原本' });
    page.wrapUp.removeTask(0);
    expect(page.wrapUp.state.tasks[0]).toEqual({ kind: 'receive-original-document', note: '戸籍謄本の原本' });
    expect(page.wrapUp.state.tasks).toHaveLength(4);
    page.wrapUp.updateTask(9, { note: 'nowhere' });
    expect(page.wrapUp.state.tasks).toHaveLength(4);
  });

  it('sends the trimmed wrap-up once and finishes with the server’s tasks', async () => {
    const created = [{ taskId: 't1' }] as unknown as HandoverTask[];
    const page = desk(() => ({ tasks: created }));
    page.wrapUp.setOutcome('needs-visit');
    page.wrapUp.setNotes('  原本は窓口で確認  ');
    page.wrapUp.addTask();
    page.wrapUp.updateTask(0, { note: ' 住民票を1通 ' });
    const first = page.wrapUp.submit();
    const second = page.wrapUp.submit();
    expect(page.wrapUp.state.isSubmitting).toBe(true);
    await Promise.all([first, second]);
    expect(page.submit).toHaveBeenCalledTimes(1);
    expect(page.submit).toHaveBeenCalledWith({
      consultationId: consultation.consultationId,
      outcome: 'needs-visit',
      notes: '原本は窓口で確認',
      tasks: [{ kind: 'hand-over-certificate', note: '住民票を1通' }],
    });
    expect(page.onFinish).toHaveBeenCalledWith(created);
    // Closed: further edits change nothing.
    page.wrapUp.setNotes('late');
    expect(page.wrapUp.state.notes).toBe('  原本は窓口で確認  ');
  });

  it('keeps the draft after a refusal, so the clerk can try again or skip', async () => {
    const page = desk(() => {
      throw new SignallingError('VALIDATION_FAILED', 'notes');
    });
    page.wrapUp.setOutcome('completed');
    page.wrapUp.setNotes('メモ');
    await page.wrapUp.submit();
    expect(page.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(page.onFinish).not.toHaveBeenCalled();
    expect(page.wrapUp.state).toMatchObject({ isSubmitting: false, notes: 'メモ', outcome: 'completed' });
    page.wrapUp.skip();
    expect(page.onFinish).toHaveBeenCalledWith([]);
    expect(page.submit).toHaveBeenCalledTimes(1);
  });

  it('ignores an answer that arrives after it was closed', async () => {
    let answer: (value: { tasks: HandoverTask[] }) => void = () => {};
    const page = desk(() => new Promise((resolve) => (answer = resolve)));
    page.wrapUp.setOutcome('completed');
    const sending = page.wrapUp.submit();
    page.wrapUp.close();
    answer({ tasks: [] });
    await sending;
    expect(page.onFinish).not.toHaveBeenCalled();
  });
});
