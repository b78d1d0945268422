import type { ConsultationView } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { clerksTakingOver } from './clerk-change.ts';

const member = (staffId: string, displayName: string) =>
  ({ participantId: `p-${staffId}`, staffId, displayName }) as unknown as ConsultationView['staff'][number];
const TANAKA = member('tanaka-y', '田中');
const SUZUKI = member('suzuki-h', '鈴木');
const KATO = member('kato-d', '加藤');

const call = (status: ConsultationView['status'], staff: ConsultationView['staff']) =>
  ({ status, staff }) as unknown as ConsultationView;

describe('clerksTakingOver', () => {
  it('names who took over an answered transfer', () => {
    expect(clerksTakingOver(call('active', [TANAKA]), call('active', [SUZUKI]))).toEqual(['鈴木']);
    expect(clerksTakingOver(call('active', [TANAKA, KATO]), call('active', [KATO, SUZUKI]))).toEqual([
      '鈴木',
    ]);
  });

  it('says nothing when a colleague joins or leaves, or the call is not running on both sides', () => {
    expect(clerksTakingOver(call('active', [TANAKA]), call('active', [TANAKA, SUZUKI]))).toBeNull();
    expect(clerksTakingOver(call('active', [TANAKA, SUZUKI]), call('active', [TANAKA]))).toBeNull();
    expect(clerksTakingOver(call('offered', []), call('active', [TANAKA]))).toBeNull();
    expect(clerksTakingOver(call('active', [TANAKA]), call('ended', [SUZUKI]))).toBeNull();
  });
});
