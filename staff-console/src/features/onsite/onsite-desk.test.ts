import type { BoothBoard, HandoverTask, KioskId, TaskId } from '@madoguchi/shared';
import { SignallingError } from '@madoguchi/shared/client';
import { describe, expect, it, vi } from 'vitest';
import { addHelpRequest, mergeBoard, mergeTask, OnsiteDesk, orderedTasks } from './onsite-desk.ts';

const taskId = (n: number) => `00000000-0000-4000-8000-00000000000${n}` as TaskId;

const handoverTask = (n: number, patch: Partial<HandoverTask> = {}): HandoverTask =>
  ({
    taskId: taskId(n),
    consultationId: '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11',
    kioskId: 'seiseki-1',
    boothId: 'seiseki-sakuragaoka',
    kind: 'hand-over-certificate',
    note: '',
    status: 'open',
    createdBy: 'tanaka-y',
    createdAt: `2026-01-08T10:0${n}:00.000Z`,
    resolvedBy: null,
    resolvedAt: null,
    problemNote: null,
    ...patch,
  }) as HandoverTask;

const done = (n: number, at = `2026-01-08T11:0${n}:00.000Z`) =>
  handoverTask(n, { status: 'done', resolvedBy: 'ito-r' as never, resolvedAt: at });

const board = (tasks: HandoverTask[], state: 'idle' | 'in-call' = 'idle'): BoothBoard =>
  ({
    boothId: 'seiseki-sakuragaoka',
    kiosks: [{ kioskId: 'seiseki-1', state }],
    tasks,
  }) as BoothBoard;

describe('board merging', () => {
  it('inserts a new task and replaces a known one', () => {
    const tasks = mergeTask([handoverTask(1)], handoverTask(2));
    expect(tasks.map((task) => task.taskId)).toEqual([taskId(1), taskId(2)]);
    expect(mergeTask(tasks, done(1))[0]?.status).toBe('done');
  });

  it('never turns a resolved task back to open, whatever order the news arrives in', () => {
    expect(mergeTask([done(1)], handoverTask(1))[0]?.status).toBe('done');
    const merged = mergeBoard(board([done(1)]), board([handoverTask(1), handoverTask(2)], 'in-call'));
    expect(merged.kiosks[0]?.state).toBe('in-call');
    expect(merged.tasks.map((task) => task.status)).toEqual(['done', 'open']);
  });

  it('lets a pushed board decide which tasks it holds', () => {
    expect(mergeBoard(board([handoverTask(1)]), board([handoverTask(2)])).tasks).toEqual([handoverTask(2)]);
  });

  it('orders open tasks oldest first, then resolved ones latest first', () => {
    const tasks = [done(1, '2026-01-08T11:00:00.000Z'), handoverTask(3), done(2, '2026-01-08T12:00:00.000Z')];
    const ordered = orderedTasks([...tasks, handoverTask(4), handoverTask(2, { status: 'open' })]);
    expect(ordered.map((task) => [task.taskId.at(-1), task.status])).toEqual([
      ['2', 'open'],
      ['3', 'open'],
      ['4', 'open'],
      ['2', 'done'],
      ['1', 'done'],
    ]);
  });

  it('keeps one help request per kiosk, newest first', () => {
    const help = (kioskId: string, at: string) => ({
      kioskId: kioskId as KioskId,
      reason: 'resident' as const,
      at,
    });
    const requests = addHelpRequest(addHelpRequest([help('a', '1')], help('b', '2')), help('a', '3'));
    expect(requests.map((request) => [request.kioskId, request.at])).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
  });
});

describe('OnsiteDesk', () => {
  const setUp = (getBoard: () => Promise<BoothBoard> = async () => board([handoverTask(1)])) => {
    const resolve = vi.fn(async ({ taskId: id, status }: { taskId: TaskId; status: 'done' | 'problem' }) => ({
      task: handoverTask(Number(id.at(-1)), { status, resolvedBy: 'ito-r' as never, resolvedAt: 'x' }),
    }));
    const chime = vi.fn();
    const onError = vi.fn();
    const desk = new OnsiteDesk({ getBoard, resolve, chime, onChange: () => {}, onError });
    return { desk, resolve, chime, onError };
  };

  it('loads the board, then follows pushed boards and tasks', async () => {
    const { desk } = setUp();
    await desk.load();
    expect(desk.state.board?.tasks).toHaveLength(1);
    desk.onTask(handoverTask(2));
    desk.onBoard(board(desk.state.board?.tasks ?? [], 'in-call'));
    expect(desk.state.board?.kiosks[0]?.state).toBe('in-call');
    expect(desk.state.board?.tasks.map((task) => task.taskId)).toEqual([taskId(1), taskId(2)]);
  });

  it('keeps a task heard while the board was on its way', async () => {
    let answer: (value: BoothBoard) => void = () => {};
    const { desk } = setUp(() => new Promise((resolve) => (answer = resolve)));
    const loading = desk.load();
    desk.onTask(handoverTask(2));
    answer(board([handoverTask(1)]));
    await loading;
    expect(desk.state.board?.tasks.map((task) => task.taskId)).toEqual([taskId(1), taskId(2)]);
  });

  it('chimes for each help request and forgets a dismissed one', () => {
    const { desk, chime } = setUp();
    desk.onHelp({ kioskId: 'seiseki-1' as KioskId, reason: 'device', at: '2026-01-08T10:00:00.000Z' });
    expect(chime).toHaveBeenCalledTimes(1);
    expect(desk.state.helpRequests).toHaveLength(1);
    desk.dismissHelp('seiseki-1' as KioskId);
    expect(desk.state.helpRequests).toEqual([]);
  });

  it('resolves a task once, with a problem note only for a problem', async () => {
    const { desk, resolve } = setUp();
    await desk.load();
    const first = desk.resolve(taskId(1), 'problem', '  住民が来なかった ');
    const second = desk.resolve(taskId(1), 'done');
    expect(desk.state.resolvingTaskIds).toEqual([taskId(1)]);
    await Promise.all([first, second]);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith({
      taskId: taskId(1),
      status: 'problem',
      problemNote: '住民が来なかった',
    });
    expect(desk.state).toMatchObject({ resolvingTaskIds: [] });
    expect(desk.state.board?.tasks[0]?.status).toBe('problem');

    desk.onTask(handoverTask(2));
    await desk.resolve(taskId(2), 'done', 'ignored');
    expect(resolve).toHaveBeenLastCalledWith({ taskId: taskId(2), status: 'done' });
  });

  it('reports a refused resolution and lets it be tried again', async () => {
    const { desk, resolve, onError } = setUp();
    await desk.load();
    resolve.mockRejectedValueOnce(new SignallingError('INVALID_STATE', 'already resolved'));
    await desk.resolve(taskId(1), 'done');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(desk.state.resolvingTaskIds).toEqual([]);
    expect(desk.state.board?.tasks[0]?.status).toBe('open');
  });
});
