import type { KioskEnrollment } from '../auth/kiosk-enrollment.ts';
import type { StaffAccounts } from '../auth/staff-accounts.ts';
import type { Catalog } from '../catalog/index.ts';

/** The one password of every demonstration account (never used outside DEMO mode). */
export const demoPassword = 'madoguchi-demo';

export interface DemoIdentities {
  /** Accounts created now (none when the database already had accounts). */
  createdAccounts: string[];
  /** A fresh enrollment code for each open booth's kiosks, valid for the code lifetime. */
  enrollmentCodes: { kioskId: string; code: string }[];
}

/**
 * Demonstration identities: on an empty database, an account for every catalogue clerk, a
 * supervisor (`supervisor`) and an administrator (`admin`); on every start, enrollment codes for
 * the kiosks, so a first-time visitor can try the whole product.
 */
export async function seedDemoIdentities(deps: {
  catalog: Catalog;
  accounts: StaffAccounts;
  enrollment: KioskEnrollment;
}): Promise<DemoIdentities> {
  const createdAccounts: string[] = [];
  if ((await deps.accounts.count()) === 0) {
    const people = [
      ...deps.catalog.clerks.map((clerk) => ({
        staffId: clerk.id,
        displayName: clerk.displayName,
        role: 'clerk' as const,
      })),
      { staffId: 'supervisor', displayName: '監督者（デモ）', role: 'supervisor' as const },
      ...deps.catalog.booths
        .filter((booth) => booth.status === 'open')
        .map((booth) => ({
          staffId: `onsite-${booth.id}`,
          displayName: `${booth.name.ja} リアル窓口（デモ）`,
          role: 'onsite' as const,
          boothId: booth.id,
        })),
      { staffId: 'admin', displayName: '管理者（デモ）', role: 'admin' as const },
    ];
    for (const person of people) {
      await deps.accounts.create({ ...person, password: demoPassword });
      createdAccounts.push(person.staffId);
    }
  }
  const enrollmentCodes = [];
  for (const booth of deps.catalog.booths.filter((entry) => entry.status === 'open')) {
    for (const kiosk of booth.kiosks) {
      enrollmentCodes.push({
        kioskId: kiosk.id,
        code: (await deps.enrollment.createCode(kiosk.id, 'demo')).code,
      });
    }
  }
  return { createdAccounts, enrollmentCodes };
}
