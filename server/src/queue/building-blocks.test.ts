import { describe, expect, it } from 'vitest';
import { CallerQueue, type Queued } from './caller-queue.ts';
import { eligibleSkills, matchStep } from './eligibility.ts';
import { longestIdle, proficiencyThenLongestIdle, type Candidate } from './selection-policy.ts';
import { TimerQueue } from './timers.ts';

const steps = [
  { afterMs: 0, skills: ['koseki'] },
  { afterMs: 60_000, skills: ['general', 'shoumei'] },
];

describe('eligibility', () => {
  it('opens fallback skills only once the step is reached', () => {
    expect(eligibleSkills(steps, 0)).toEqual(['koseki']);
    expect(eligibleSkills(steps, 1)).toEqual(['general', 'koseki', 'shoumei']);
    const generalist = { skills: { general: 5 }, languages: ['ja'] };
    expect(matchStep(generalist, { language: null, steps, stepIndex: 0 })).toBeNull();
    expect(matchStep(generalist, { language: null, steps, stepIndex: 1 })).toEqual({
      step: 1,
      proficiency: 5,
    });
  });

  it('ranks a clerk by the earliest step they qualify through and needs the language', () => {
    const both = { skills: { koseki: 2, general: 5 }, languages: ['ja', 'en'] };
    expect(matchStep(both, { language: 'en', steps, stepIndex: 1 })).toEqual({ step: 0, proficiency: 2 });
    expect(matchStep(both, { language: 'vi', steps, stepIndex: 1 })).toBeNull();
  });
});

describe('selection policies', () => {
  const c = (clerkId: string, step: number, proficiency: number, idleSince: number): Candidate => ({
    clerkId,
    step,
    proficiency,
    idleSince,
  });
  const best = (policy: typeof longestIdle, list: Candidate[]): string =>
    [...list].sort(policy.compare)[0]!.clerkId;

  it('default: step, then proficiency, then longest idle, then id', () => {
    expect(best(proficiencyThenLongestIdle, [c('x', 1, 5, 0), c('y', 0, 1, 9)])).toBe('y');
    expect(best(proficiencyThenLongestIdle, [c('x', 0, 3, 0), c('y', 0, 4, 9)])).toBe('y');
    expect(best(proficiencyThenLongestIdle, [c('x', 0, 4, 5), c('y', 0, 4, 2)])).toBe('y');
    expect(best(proficiencyThenLongestIdle, [c('y', 0, 4, 2), c('x', 0, 4, 2)])).toBe('x');
  });

  it('longest idle ignores proficiency', () => {
    expect(best(longestIdle, [c('x', 0, 5, 9), c('y', 0, 1, 2)])).toBe('y');
  });
});

describe('CallerQueue', () => {
  const q = (callerId: string, seq: number, priority = 0, language: string | null = null): Queued => ({
    callerId,
    seq,
    priority,
    language,
    steps,
    stepIndex: 0,
  });

  it('groups callers by requirement and keeps each group in queue order, also on re-insertion', () => {
    const queue = new CallerQueue<Queued>();
    const [a, b, c, d] = [q('a', 0), q('b', 1), q('c', 2), q('d', 3, 0, 'en')];
    for (const x of [a, b, c, d]) queue.insert(x);
    expect([...queue.buckets()].map((bk) => bk.callers.map((x) => x.callerId))).toEqual([
      ['a', 'b', 'c'],
      ['d'],
    ]);
    expect(queue.remove(a)).toBe(true);
    expect(queue.isHead(b)).toBe(true);
    queue.insert(a);
    expect(queue.isHead(a)).toBe(true);
    expect(queue.remove(b)).toBe(true);
    expect(queue.remove(b)).toBe(false);
    expect(queue.size).toBe(3);
  });
});

describe('TimerQueue', () => {
  it('pops by time, then in insertion order', () => {
    const timers = new TimerQueue();
    timers.push({ kind: 'promote', at: 30, callerId: 'c' });
    timers.push({ kind: 'promote', at: 10, callerId: 'a' });
    timers.push({ kind: 'promote', at: 10, callerId: 'b' });
    timers.push({ kind: 'wrap-up', at: 5, clerkId: 'z' });
    const order: string[] = [];
    for (let t = timers.pop(); t; t = timers.pop()) order.push(t.kind === 'wrap-up' ? t.clerkId : t.callerId);
    expect(order).toEqual(['z', 'a', 'b', 'c']);
  });
});
