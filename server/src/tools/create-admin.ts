/**
 * One-time set-up: creates the first administrator account. Refuses once an administrator
 * exists (later accounts are created in the console by an administrator).
 *
 *   npm run admin:create -- --staff-id admin --display-name "システム管理者"
 *
 * The password is read from standard input (one line), never from the command line.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { staffIdSchema } from '@madoguchi/shared';
import { AuditLog } from '../auth/audit-log.ts';
import { StaffAccounts } from '../auth/staff-accounts.ts';
import { loadConfig } from '../config.ts';
import { describeDatabase, openDatabase } from '../store/database.ts';

const { values } = parseArgs({
  options: { 'staff-id': { type: 'string' }, 'display-name': { type: 'string' } },
});
const staffId = staffIdSchema.safeParse(values['staff-id']);
const displayName = values['display-name']?.trim();
if (!staffId.success || !displayName) {
  process.stderr.write(
    'usage: npm run admin:create -- --staff-id ID --display-name NAME  (password on stdin)\n',
  );
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config.database);
try {
  const accounts = new StaffAccounts(db);
  if ((await accounts.count('admin')) > 0) {
    process.stderr.write('an administrator already exists; create further accounts in the console\n');
    process.exit(3);
  }
  const lines = createInterface({ input: process.stdin, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const password = (await lines[Symbol.asyncIterator]().next()).value ?? '';
  lines.close();
  await accounts.create({ staffId: staffId.data, displayName, role: 'admin', password: password.trim() });
  await new AuditLog(db).record({
    actor: 'set-up',
    action: 'staff-created',
    subject: staffId.data,
    details: { role: 'admin' },
  });
  process.stdout.write(`administrator ${staffId.data} created in ${describeDatabase(config.database)}\n`);
} catch (error) {
  process.stderr.write(
    `[${String((error as { code?: unknown }).code ?? 'FAILED')}] ${(error as Error).message}\n`,
  );
  process.exitCode = 1;
} finally {
  await db.destroy();
}
