import type { CommandResponse, KioskId, ProcedureId, StaffId } from '@madoguchi/shared';

export const kioskAuth = (kioskId = 'seiseki-1') => ({ role: 'kiosk' as const, kioskId: kioskId as KioskId });

export const clerkAuth = (staffId: string) => ({
  role: 'clerk' as const,
  staffId: staffId as StaffId,
  displayName: `Clerk ${staffId}`,
});

/** 住民異動: clerks with the juumin-kiroku skill take it (suzuki-h at proficiency 5 first). */
export const procedureId = 'juumin-idou' as ProcedureId;

/** Asserts the kiosk's request was queued (not refused as outside opening hours). */
export function queued(response: CommandResponse<'consultation:request'>) {
  if (response.outcome !== 'queued')
    throw new Error(`expected the call to be queued, got ${response.outcome}`);
  return response.consultation;
}
