import type { Generated } from 'kysely';

/**
 * The schema as the stores see it, for both SQLite and PostgreSQL. Times are epoch milliseconds
 * (BIGINT in PostgreSQL, read back as numbers); flags are 0/1 integers so both engines agree.
 */
export interface Tables {
  queue_events: { seq: Generated<number>; at: number; type: string; payload: string };
  queue_event_archive: { journal_id: string; seq: number; at: number; type: string; payload: string };
  staff_accounts: {
    staff_id: string;
    display_name: string;
    role: 'clerk' | 'onsite' | 'supervisor' | 'admin';
    password_hash: string;
    failed_logins: Generated<number>;
    locked_until: number | null;
    is_disabled: Generated<number>;
    created_at: number;
    booth_id: string | null;
    /** 1 after an administrator reset the password, until its owner changes it. */
    must_change_password: Generated<number>;
    password_changed_at: number | null;
  };
  staff_sessions: {
    token_hash: string;
    staff_id: string;
    csrf_token: string;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
    /** The last request or socket command of the session, for the idle timeout. */
    last_seen_at: number | null;
  };
  kiosk_enrollment_codes: {
    code_hash: string;
    kiosk_id: string;
    created_by: string;
    created_at: number;
    expires_at: number;
    used_at: number | null;
  };
  kiosk_credentials: { token_hash: string; kiosk_id: string; created_at: number; revoked_at: number | null };
  audit_log: {
    seq: Generated<number>;
    at: number;
    actor: string;
    action: string;
    subject: string | null;
    details: string | null;
    /** The hash of the entry before (the chain's genesis for the first); see audit-chain.ts. */
    prev_hash: string | null;
    hash: string | null;
  };
  /** Failed logins of one account from one address: a stranger's guesses lock out only them. */
  login_failures: {
    staff_id: string;
    address: string;
    failures: number;
    locked_until: number | null;
    last_failed_at: number;
  };
  /** An account's TOTP secret, sealed (see second-factors.ts); usable once confirmed with a first code. */
  staff_second_factors: {
    staff_id: string;
    secret_sealed: string;
    created_at: number;
    confirmed_at: number | null;
    /** The last 30-second step a code was accepted for: a code counts once. */
    last_used_step: number | null;
  };
  /** Single-use recovery codes, stored as hashes. */
  staff_recovery_codes: { staff_id: string; code_hash: string; created_at: number; used_at: number | null };
  /** A login whose password was right and whose second factor is still to come; the token only as its hash. */
  login_challenges: {
    token_hash: string;
    staff_id: string;
    address: string;
    created_at: number;
    expires_at: number;
    used_at: number | null;
  };
  /** What an accepted signature binds, with the server's MAC over it (see signature-proofs.ts). */
  signature_proofs: {
    capture_id: string;
    consultation_id: string;
    clerk_id: string;
    accepted_at: number;
    image_sha256: string;
    strokes_sha256: string;
    document_sha256: string | null;
    key_id: string;
    mac: string;
  };
  captures: {
    capture_id: string;
    consultation_id: string;
    kiosk_id: string;
    kind: 'document-still' | 'signature';
    requested_by: string;
    viewers: string;
    status: 'requested' | 'stored' | 'accepted' | 'deleted';
    mime_type: string | null;
    width: number | null;
    height: number | null;
    byte_length: number | null;
    has_strokes: Generated<number>;
    requested_at: number;
    stored_at: number | null;
    expires_at: number | null;
    deleted_at: number | null;
  };
  surveys: {
    consultation_id: string;
    kiosk_id: string;
    procedure_id: string;
    language: string;
    staff_ids: string;
    rating: number;
    comment: string | null;
    submitted_at: number;
    is_demo: Generated<number>;
  };
  consultations: {
    consultation_id: string;
    kiosk_id: string;
    booth_id: string | null;
    procedure_id: string;
    language: string;
    requested_at: number;
    answered_at: number | null;
    ended_at: number;
    end_reason: string;
    staff_ids: string;
    outcome: string | null;
    notes: string | null;
    wrapped_up_by: string | null;
    wrapped_up_at: number | null;
    is_demo: Generated<number>;
  };
  wrap_ups: {
    consultation_id: string;
    staff_id: string;
    outcome: string;
    notes: string;
    wrapped_up_at: number;
  };
  handover_tasks: {
    task_id: string;
    consultation_id: string;
    kiosk_id: string;
    booth_id: string;
    kind: string;
    note: string;
    status: 'open' | 'done' | 'problem';
    created_by: string;
    created_at: number;
    resolved_by: string | null;
    resolved_at: number | null;
    problem_note: string | null;
  };
  catalog_revisions: {
    revision: number;
    saved_at: number;
    saved_by: string;
    /** The whole catalogue as JSON. */
    document: string;
    /** What it changed (sections and ids) as JSON. */
    summary: string;
  };
}
