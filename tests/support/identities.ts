import type { KioskId, ProcedureId, StaffId } from '@madoguchi/shared';

export const kioskAuth = (kioskId = 'seiseki-1') => ({ role: 'kiosk' as const, kioskId: kioskId as KioskId });

export const clerkAuth = (staffId: string) => ({
  role: 'clerk' as const,
  staffId: staffId as StaffId,
  displayName: `Clerk ${staffId}`,
});

export const procedureId = 'juumin-idou' as ProcedureId;
