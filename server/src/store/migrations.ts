/**
 * Schema changes, applied in order, each once, each in its own transaction. Never edit a released
 * migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'queue event log',
    sql: `
      CREATE TABLE queue_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'staff accounts, sessions, kiosk credentials, audit log',
    sql: `
      CREATE TABLE staff_accounts (
        staff_id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'onsite', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        is_disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff_accounts (staff_id),
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
      CREATE TABLE kiosk_enrollment_codes (
        code_hash TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE kiosk_credentials (
        token_hash TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX kiosk_credentials_by_kiosk ON kiosk_credentials (kiosk_id);
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        details TEXT
      );
    `,
  },
  {
    version: 3,
    name: 'captures: document stills and signatures',
    sql: `
      CREATE TABLE captures (
        capture_id TEXT PRIMARY KEY,
        consultation_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('document-still', 'signature')),
        requested_by TEXT NOT NULL,
        viewers TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('requested', 'stored', 'accepted', 'deleted')),
        mime_type TEXT,
        width INTEGER,
        height INTEGER,
        byte_length INTEGER,
        has_strokes INTEGER NOT NULL DEFAULT 0,
        requested_at INTEGER NOT NULL,
        stored_at INTEGER,
        expires_at INTEGER,
        deleted_at INTEGER
      );
      CREATE INDEX captures_by_consultation ON captures (consultation_id);
      CREATE INDEX captures_to_purge ON captures (expires_at) WHERE status IN ('stored', 'accepted');
    `,
  },
  {
    version: 4,
    name: 'on-site staff belong to a booth',
    sql: `ALTER TABLE staff_accounts ADD COLUMN booth_id TEXT;`,
  },
  {
    version: 5,
    name: 'satisfaction surveys',
    sql: `
      CREATE TABLE surveys (
        consultation_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        procedure_id TEXT NOT NULL,
        language TEXT NOT NULL,
        staff_ids TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment TEXT,
        submitted_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'consultation records and hand-over tasks',
    sql: `
      CREATE TABLE consultations (
        consultation_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        booth_id TEXT,
        procedure_id TEXT NOT NULL,
        language TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER NOT NULL,
        end_reason TEXT NOT NULL,
        staff_ids TEXT NOT NULL,
        outcome TEXT,
        notes TEXT,
        wrapped_up_by TEXT,
        wrapped_up_at INTEGER
      );
      CREATE INDEX consultations_by_end ON consultations (ended_at);
      CREATE TABLE handover_tasks (
        task_id TEXT PRIMARY KEY,
        consultation_id TEXT NOT NULL REFERENCES consultations (consultation_id),
        kiosk_id TEXT NOT NULL,
        booth_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'problem')),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_by TEXT,
        resolved_at INTEGER,
        problem_note TEXT
      );
      CREATE INDEX handover_tasks_by_booth ON handover_tasks (booth_id, status);
    `,
  },
  {
    version: 7,
    name: 'wrap-ups per clerk (a transferred call has several), tasks of calls still running',
    sql: `
      CREATE TABLE wrap_ups (
        consultation_id TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        notes TEXT NOT NULL,
        wrapped_up_at INTEGER NOT NULL,
        PRIMARY KEY (consultation_id, staff_id)
      );
      INSERT INTO wrap_ups (consultation_id, staff_id, outcome, notes, wrapped_up_at)
        SELECT consultation_id, wrapped_up_by, outcome, COALESCE(notes, ''), wrapped_up_at
        FROM consultations WHERE wrapped_up_by IS NOT NULL;
      CREATE TABLE handover_tasks_v2 (
        task_id TEXT PRIMARY KEY,
        consultation_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        booth_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'problem')),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_by TEXT,
        resolved_at INTEGER,
        problem_note TEXT
      );
      INSERT INTO handover_tasks_v2 SELECT * FROM handover_tasks;
      DROP TABLE handover_tasks;
      ALTER TABLE handover_tasks_v2 RENAME TO handover_tasks;
      CREATE INDEX handover_tasks_by_booth ON handover_tasks (booth_id, status);
    `,
  },
  {
    version: 8,
    name: 'demo records are marked and kept apart',
    sql: `
      ALTER TABLE consultations ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE surveys ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX consultations_by_request ON consultations (is_demo, requested_at);
    `,
  },
];
