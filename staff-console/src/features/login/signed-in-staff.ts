import type { StaffId, StaffRole } from '@madoguchi/shared';

/** Who is signed in, as the server's session says (never as typed into a form). */
export interface SignedInStaff {
  staffId: StaffId;
  displayName: string;
  role: StaffRole;
}
