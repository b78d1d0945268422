import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { auditChainGenesis, auditEntryHash, type ChainedAuditContent } from './audit-chain.ts';
import type { SqlDialect } from './database.ts';

/**
 * Schema changes, applied in order, each once, each in its own transaction, written once for
 * SQLite and PostgreSQL alike. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: SchemaOfItsTime, dialect: SqlDialect) => Promise<void>;
}

/** Migrations see the schema as it was at their time, not today's Tables. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaOfItsTime = Kysely<any>;

/** An ever-growing sequence number: SQLite's AUTOINCREMENT, PostgreSQL's identity column. */
function sequenceColumn(dialect: SqlDialect) {
  return [
    dialect === 'sqlite' ? 'integer' : 'bigint',
    (column: ColumnDefinitionBuilder) =>
      dialect === 'sqlite'
        ? column.primaryKey().autoIncrement()
        : column.primaryKey().generatedByDefaultAsIdentity(),
  ] as const;
}

const notNull = (column: ColumnDefinitionBuilder) => column.notNull();

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'queue event log',
    up: async (db, dialect) => {
      await db.schema
        .createTable('queue_events')
        .addColumn('seq', ...sequenceColumn(dialect))
        .addColumn('at', 'bigint', notNull)
        .addColumn('type', 'text', notNull)
        .addColumn('payload', 'text', notNull)
        .execute();
    },
  },
  {
    version: 2,
    name: 'staff accounts, sessions, kiosk credentials, audit log',
    up: async (db, dialect) => {
      await db.schema
        .createTable('staff_accounts')
        .addColumn('staff_id', 'text', (column) => column.primaryKey())
        .addColumn('display_name', 'text', notNull)
        .addColumn('role', 'text', (column) =>
          column.notNull().check(sql`role IN ('clerk', 'onsite', 'supervisor', 'admin')`),
        )
        .addColumn('password_hash', 'text', notNull)
        .addColumn('failed_logins', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('is_disabled', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', notNull)
        .execute();
      await db.schema
        .createTable('staff_sessions')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('staff_id', 'text', (column) => column.notNull().references('staff_accounts.staff_id'))
        .addColumn('csrf_token', 'text', notNull)
        .addColumn('created_at', 'bigint', notNull)
        .addColumn('expires_at', 'bigint', notNull)
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('staff_sessions_by_staff')
        .on('staff_sessions')
        .column('staff_id')
        .execute();
      await db.schema
        .createTable('kiosk_enrollment_codes')
        .addColumn('code_hash', 'text', (column) => column.primaryKey())
        .addColumn('kiosk_id', 'text', notNull)
        .addColumn('created_by', 'text', notNull)
        .addColumn('created_at', 'bigint', notNull)
        .addColumn('expires_at', 'bigint', notNull)
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createTable('kiosk_credentials')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('kiosk_id', 'text', notNull)
        .addColumn('created_at', 'bigint', notNull)
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('kiosk_credentials_by_kiosk')
        .on('kiosk_credentials')
        .column('kiosk_id')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', ...sequenceColumn(dialect))
        .addColumn('at', 'bigint', notNull)
        .addColumn('actor', 'text', notNull)
        .addColumn('action', 'text', notNull)
        .addColumn('subject', 'text')
        .addColumn('details', 'text')
        .execute();
    },
  },
  {
    version: 3,
    name: 'captures: document stills and signatures',
    up: async (db) => {
      await db.schema
        .createTable('captures')
        .addColumn('capture_id', 'text', (column) => column.primaryKey())
        .addColumn('consultation_id', 'text', notNull)
        .addColumn('kiosk_id', 'text', notNull)
        .addColumn('kind', 'text', (column) =>
          column.notNull().check(sql`kind IN ('document-still', 'signature')`),
        )
        .addColumn('requested_by', 'text', notNull)
        .addColumn('viewers', 'text', notNull)
        .addColumn('status', 'text', (column) =>
          column.notNull().check(sql`status IN ('requested', 'stored', 'accepted', 'deleted')`),
        )
        .addColumn('mime_type', 'text')
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('byte_length', 'integer')
        .addColumn('has_strokes', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('requested_at', 'bigint', notNull)
        .addColumn('stored_at', 'bigint')
        .addColumn('expires_at', 'bigint')
        .addColumn('deleted_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('captures_by_consultation')
        .on('captures')
        .column('consultation_id')
        .execute();
      await db.schema
        .createIndex('captures_to_purge')
        .on('captures')
        .column('expires_at')
        .where(sql.raw<boolean>(`status IN ('stored', 'accepted')`))
        .execute();
    },
  },
  {
    version: 4,
    name: 'on-site staff belong to a booth',
    up: async (db) => {
      await db.schema.alterTable('staff_accounts').addColumn('booth_id', 'text').execute();
    },
  },
  {
    version: 5,
    name: 'satisfaction surveys',
    up: async (db) => {
      await db.schema
        .createTable('surveys')
        .addColumn('consultation_id', 'text', (column) => column.primaryKey())
        .addColumn('kiosk_id', 'text', notNull)
        .addColumn('procedure_id', 'text', notNull)
        .addColumn('language', 'text', notNull)
        .addColumn('staff_ids', 'text', notNull)
        .addColumn('rating', 'integer', (column) => column.notNull().check(sql`rating BETWEEN 1 AND 5`))
        .addColumn('comment', 'text')
        .addColumn('submitted_at', 'bigint', notNull)
        .execute();
    },
  },
  {
    version: 6,
    name: 'consultation records and hand-over tasks',
    up: async (db) => {
      await db.schema
        .createTable('consultations')
        .addColumn('consultation_id', 'text', (column) => column.primaryKey())
        .addColumn('kiosk_id', 'text', notNull)
        .addColumn('booth_id', 'text')
        .addColumn('procedure_id', 'text', notNull)
        .addColumn('language', 'text', notNull)
        .addColumn('requested_at', 'bigint', notNull)
        .addColumn('answered_at', 'bigint')
        .addColumn('ended_at', 'bigint', notNull)
        .addColumn('end_reason', 'text', notNull)
        .addColumn('staff_ids', 'text', notNull)
        .addColumn('outcome', 'text')
        .addColumn('notes', 'text')
        .addColumn('wrapped_up_by', 'text')
        .addColumn('wrapped_up_at', 'bigint')
        .execute();
      await db.schema.createIndex('consultations_by_end').on('consultations').column('ended_at').execute();
      await createHandoverTasks(db, 'handover_tasks', { isLinkedToConsultation: true });
      await db.schema
        .createIndex('handover_tasks_by_booth')
        .on('handover_tasks')
        .columns(['booth_id', 'status'])
        .execute();
    },
  },
  {
    version: 7,
    name: 'wrap-ups per clerk (a transferred call has several), tasks of calls still running',
    up: async (db) => {
      await db.schema
        .createTable('wrap_ups')
        .addColumn('consultation_id', 'text', notNull)
        .addColumn('staff_id', 'text', notNull)
        .addColumn('outcome', 'text', notNull)
        .addColumn('notes', 'text', notNull)
        .addColumn('wrapped_up_at', 'bigint', notNull)
        .addPrimaryKeyConstraint('wrap_ups_pkey', ['consultation_id', 'staff_id'])
        .execute();
      await sql`INSERT INTO wrap_ups (consultation_id, staff_id, outcome, notes, wrapped_up_at)
        SELECT consultation_id, wrapped_up_by, outcome, COALESCE(notes, ''), wrapped_up_at
        FROM consultations WHERE wrapped_up_by IS NOT NULL`.execute(db);
      // Tasks are created at wrap-up, which may come before the call's record: drop the reference.
      await createHandoverTasks(db, 'handover_tasks_v2', { isLinkedToConsultation: false });
      await sql`INSERT INTO handover_tasks_v2 SELECT * FROM handover_tasks`.execute(db);
      await db.schema.dropTable('handover_tasks').execute();
      await db.schema.alterTable('handover_tasks_v2').renameTo('handover_tasks').execute();
      await db.schema
        .createIndex('handover_tasks_by_booth')
        .on('handover_tasks')
        .columns(['booth_id', 'status'])
        .execute();
    },
  },
  {
    version: 8,
    name: 'demo records are marked and kept apart',
    up: async (db) => {
      await db.schema
        .alterTable('consultations')
        .addColumn('is_demo', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('surveys')
        .addColumn('is_demo', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('consultations_by_request')
        .on('consultations')
        .columns(['is_demo', 'requested_at'])
        .execute();
    },
  },
  {
    version: 9,
    name: 'archive of the queue journal (when the records are not in the journal file itself)',
    up: async (db) => {
      await db.schema
        .createTable('queue_event_archive')
        .addColumn('journal_id', 'text', notNull)
        .addColumn('seq', 'bigint', notNull)
        .addColumn('at', 'bigint', notNull)
        .addColumn('type', 'text', notNull)
        .addColumn('payload', 'text', notNull)
        .addPrimaryKeyConstraint('queue_event_archive_pkey', ['journal_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('queue_event_archive_by_time')
        .on('queue_event_archive')
        .column('at')
        .execute();
    },
  },
  {
    version: 10,
    name: 'catalogue revisions: what an administrator saved, when, and what it changed',
    up: async (db) => {
      await db.schema
        .createTable('catalog_revisions')
        .addColumn('revision', 'integer', (column) => column.primaryKey())
        .addColumn('saved_at', 'bigint', notNull)
        .addColumn('saved_by', 'text', notNull)
        .addColumn('document', 'text', notNull)
        .addColumn('summary', 'text', notNull)
        .execute();
    },
  },
  {
    version: 11,
    name: 'captures are purged by upload time, so a changed retention period counts for them too',
    up: async (db) => {
      await db.schema
        .createIndex('captures_by_stored_at')
        .on('captures')
        .column('stored_at')
        .where(sql.raw<boolean>(`status IN ('stored', 'accepted')`))
        .execute();
    },
  },
  {
    version: 12,
    name: 'sessions that end: idle timeout, forced password change after a reset',
    up: async (db) => {
      await db.schema
        .alterTable('staff_accounts')
        .addColumn('must_change_password', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('staff_accounts').addColumn('password_changed_at', 'bigint').execute();
      // Sessions from before this migration count as seen when they were created.
      await db.schema.alterTable('staff_sessions').addColumn('last_seen_at', 'bigint').execute();
      await db
        .updateTable('staff_sessions')
        .set({ last_seen_at: sql`created_at` })
        .execute();
    },
  },
  {
    version: 13,
    name: 'login failures per account and address, a hash-chained append-only audit log, signature proofs',
    up: async (db, dialect) => {
      await db.schema
        .createTable('login_failures')
        .addColumn('staff_id', 'text', notNull)
        .addColumn('address', 'text', notNull)
        .addColumn('failures', 'integer', notNull)
        .addColumn('locked_until', 'bigint')
        .addColumn('last_failed_at', 'bigint', notNull)
        .addPrimaryKeyConstraint('login_failures_pkey', ['staff_id', 'address'])
        .execute();
      await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
      // The entries written before the chain existed become its first links.
      let previous = auditChainGenesis;
      const rows = (
        await sql<ChainedAuditContent & { seq: number }>`
        SELECT seq, at, actor, action, subject, details FROM audit_log ORDER BY seq`.execute(db)
      ).rows;
      for (const row of rows) {
        const hash = auditEntryHash(previous, row);
        await sql`UPDATE audit_log SET prev_hash = ${previous}, hash = ${hash} WHERE seq = ${row.seq}`.execute(
          db,
        );
        previous = hash;
      }
      if (dialect === 'sqlite') {
        for (const operation of ['UPDATE', 'DELETE']) {
          await sql
            .raw(
              `CREATE TRIGGER audit_log_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_log
               BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
            )
            .execute(db);
        }
      } else {
        await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
      }
      await db.schema
        .createTable('signature_proofs')
        .addColumn('capture_id', 'text', (column) => column.primaryKey())
        .addColumn('consultation_id', 'text', notNull)
        .addColumn('clerk_id', 'text', notNull)
        .addColumn('accepted_at', 'bigint', notNull)
        .addColumn('image_sha256', 'text', notNull)
        .addColumn('strokes_sha256', 'text', notNull)
        .addColumn('document_sha256', 'text')
        .addColumn('key_id', 'text', notNull)
        .addColumn('mac', 'text', notNull)
        .execute();
    },
  },
  {
    version: 14,
    name: 'a second factor (TOTP) for staff, its recovery codes, and the step between password and code',
    up: async (db) => {
      await db.schema
        .createTable('staff_second_factors')
        .addColumn('staff_id', 'text', (column) => column.primaryKey().references('staff_accounts.staff_id'))
        .addColumn('secret_sealed', 'text', notNull)
        .addColumn('created_at', 'bigint', notNull)
        .addColumn('confirmed_at', 'bigint')
        .addColumn('last_used_step', 'bigint')
        .execute();
      await db.schema
        .createTable('staff_recovery_codes')
        .addColumn('staff_id', 'text', (column) => column.notNull().references('staff_accounts.staff_id'))
        .addColumn('code_hash', 'text', notNull)
        .addColumn('created_at', 'bigint', notNull)
        .addColumn('used_at', 'bigint')
        .addPrimaryKeyConstraint('staff_recovery_codes_pk', ['staff_id', 'code_hash'])
        .execute();
      await db.schema
        .createTable('login_challenges')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('staff_id', 'text', notNull)
        .addColumn('address', 'text', notNull)
        .addColumn('created_at', 'bigint', notNull)
        .addColumn('expires_at', 'bigint', notNull)
        .addColumn('used_at', 'bigint')
        .execute();
    },
  },
];

async function createHandoverTasks(
  db: SchemaOfItsTime,
  name: string,
  options: { isLinkedToConsultation: boolean },
) {
  await db.schema
    .createTable(name)
    .addColumn('task_id', 'text', (column) => column.primaryKey())
    .addColumn('consultation_id', 'text', (column) =>
      options.isLinkedToConsultation
        ? column.notNull().references('consultations.consultation_id')
        : column.notNull(),
    )
    .addColumn('kiosk_id', 'text', notNull)
    .addColumn('booth_id', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('note', 'text', notNull)
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status IN ('open', 'done', 'problem')`),
    )
    .addColumn('created_by', 'text', notNull)
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('problem_note', 'text')
    .execute();
}
