/**
 * The reference destination's SQLite store (`node:sqlite`, synchronous). With a data directory the
 * database is a WAL-journalled file that survives restarts; without one it lives in memory.
 * Instants are stored as epoch milliseconds so that range queries compare integers, not strings.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { TrancheError } from "../domain/index.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subscribers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  external_id TEXT NOT NULL,
  msisdn TEXT NOT NULL,
  imsi TEXT NOT NULL,
  iccid TEXT NOT NULL,
  plan_id TEXT NOT NULL,
  payment_type TEXT NOT NULL,
  status TEXT NOT NULL,
  balance_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  anchor_day INTEGER NOT NULL,
  timezone TEXT NOT NULL,
  activated_ms INTEGER NOT NULL,
  add_ons TEXT NOT NULL DEFAULT '[]',
  kyc TEXT NOT NULL DEFAULT '{}',
  kyc_status TEXT NOT NULL DEFAULT 'unverified',
  ported_in INTEGER NOT NULL DEFAULT 0,
  donor TEXT,
  ported_ms INTEGER,
  plan_changed_ms INTEGER NOT NULL,
  status_changed_ms INTEGER NOT NULL,
  terminated_ms INTEGER,
  cohort_id TEXT,
  migrated_ms INTEGER,
  legacy_period_start_ms INTEGER,
  legacy_usage TEXT,
  credit_minor INTEGER NOT NULL DEFAULT 0,
  legacy_rounding TEXT
);
CREATE INDEX IF NOT EXISTS subscribers_external ON subscribers(external_id);
CREATE INDEX IF NOT EXISTS subscribers_msisdn ON subscribers(msisdn);
CREATE INDEX IF NOT EXISTS subscribers_imsi ON subscribers(imsi);
CREATE TABLE IF NOT EXISTS plan_history (
  subscriber_id TEXT NOT NULL, plan_id TEXT NOT NULL, from_ms INTEGER NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE INDEX IF NOT EXISTS plan_history_subscriber ON plan_history(subscriber_id, from_ms);
CREATE TABLE IF NOT EXISTS charges (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, subscriber_id TEXT NOT NULL, at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL, description TEXT NOT NULL, amount_minor INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS charges_subscriber ON charges(subscriber_id, at_ms);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, subscriber_id TEXT NOT NULL, type TEXT NOT NULL,
  at_ms INTEGER NOT NULL, msisdn TEXT NOT NULL, imsi TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_at ON events(at_ms);
CREATE INDEX IF NOT EXISTS events_msisdn ON events(msisdn, at_ms);
CREATE INDEX IF NOT EXISTS events_imsi ON events(imsi, at_ms);
CREATE TABLE IF NOT EXISTS usage_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, charging_id TEXT NOT NULL,
  subscriber_id TEXT NOT NULL, msisdn TEXT NOT NULL, imsi TEXT NOT NULL, service TEXT NOT NULL,
  start_ms INTEGER NOT NULL, quantity INTEGER NOT NULL, rated_quantity INTEGER NOT NULL,
  partial_sequence INTEGER, partial_final INTEGER, roaming INTEGER NOT NULL, cell TEXT,
  received_ms INTEGER NOT NULL, synthetic INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT 'default'
);
CREATE INDEX IF NOT EXISTS usage_dedup ON usage_records(charging_id, record_id);
CREATE INDEX IF NOT EXISTS usage_subscriber ON usage_records(subscriber_id, start_ms);
CREATE INDEX IF NOT EXISTS usage_start ON usage_records(start_ms);
CREATE INDEX IF NOT EXISTS usage_msisdn ON usage_records(msisdn, start_ms);
CREATE INDEX IF NOT EXISTS usage_imsi ON usage_records(imsi, start_ms);
CREATE TABLE IF NOT EXISTS cdr_sessions (
  charging_id TEXT PRIMARY KEY, subscriber_id TEXT NOT NULL, service TEXT NOT NULL,
  parts TEXT NOT NULL DEFAULT '[]', total INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS invoices (
  id TEXT PRIMARY KEY, subscriber_id TEXT NOT NULL, period_start_ms INTEGER NOT NULL,
  document TEXT NOT NULL, created_ms INTEGER NOT NULL, UNIQUE(subscriber_id, period_start_ms)
);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS port_requests (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, subscriber_id TEXT NOT NULL, msisdn TEXT NOT NULL,
  counterparty TEXT NOT NULL, status TEXT NOT NULL, requested_ms INTEGER NOT NULL,
  scheduled_ms INTEGER NOT NULL, completes_ms INTEGER NOT NULL, completed_ms INTEGER,
  clearinghouse_ref TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS li_tasks (
  xid TEXT PRIMARY KEY, targets TEXT NOT NULL, delivery_type TEXT NOT NULL, status TEXT NOT NULL,
  created_ms INTEGER NOT NULL, deactivated_ms INTEGER, deactivation_reason TEXT
);
CREATE TABLE IF NOT EXISTS li_targets (xid TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS li_targets_value ON li_targets(value);
CREATE TABLE IF NOT EXISTS li_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, xid TEXT NOT NULL, record TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL,
  delivered_ms INTEGER
);
CREATE INDEX IF NOT EXISTS li_deliveries_pending ON li_deliveries(status, seq);
CREATE TABLE IF NOT EXISTS switching_codes (
  code TEXT PRIMARY KEY, type TEXT NOT NULL, subscriber_id TEXT NOT NULL, msisdn TEXT NOT NULL,
  requested_ms INTEGER NOT NULL, sent_ms INTEGER NOT NULL, valid_until_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS recon_keys (external_id TEXT PRIMARY KEY, bucket INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS recon_keys_bucket ON recon_keys(bucket);
CREATE TABLE IF NOT EXISTS network_routes (
  msisdn TEXT PRIMARY KEY, subscriber_id TEXT NOT NULL, since_ms INTEGER NOT NULL
);
`;

/**
 * Columns added after the first release (contract 2.1): added to a database a data directory kept
 * from before, so an old store opens with the new code.
 */
const ADDED_COLUMNS: ReadonlyArray<readonly [table: string, column: string, definition: string]> = [
  ["subscribers", "barred_reason", "TEXT"],
  ["subscribers", "barred_ms", "INTEGER"],
  ["usage_records", "called_number", "TEXT"],
  ["usage_records", "imei", "TEXT"],
  ["li_tasks", "next_sequence", "INTEGER NOT NULL DEFAULT 1"],
  ["li_deliveries", "sequence", "INTEGER"],
  // Contract 2.1.0: legacy's rounding of its split share (imports default to half-up), feed source.
  ["subscribers", "legacy_rounding", "TEXT"],
  ["usage_records", "source", "TEXT NOT NULL DEFAULT 'default'"],
];

function addMissingColumns(db: DatabaseSync): void {
  for (const [table, column, definition] of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === column))
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}

/** The open store plus a statement cache (preparing once is most of SQLite's per-call cost). */
export interface Store {
  readonly db: DatabaseSync;
  /** A cached prepared statement for this SQL text. */
  sql(text: string): StatementSync;
  /** Runs `fn` in one transaction; any throw rolls it back. */
  transaction<T>(fn: () => T): T;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  close(): void;
}

/** Opens (and creates) the store: a WAL file in `dataDir`, or memory when no directory is given. */
export function openStore(dataDir: string | undefined): Store {
  let db: DatabaseSync;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    db = new DatabaseSync(dataDir ? join(dataDir, "destination.sqlite") : ":memory:");
  } catch (error) {
    throw new TrancheError(
      "E_CONFIG",
      `could not open the reference destination database in ${dataDir}: ${(error as Error).message}.`,
      "Pass a writable --data-dir, or none for an in-memory store.",
    );
  }
  // WAL + synchronous=NORMAL: a commit survives a process crash or Ctrl-C (the WAL is written
  // before COMMIT returns); only an OS crash can lose the last transactions.
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 2000;");
  db.exec(SCHEMA);
  addMissingColumns(db);
  const cache = new Map<string, StatementSync>();
  let depth = 0;
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  const savepoints: { open: StatementSync; release: StatementSync; undo: StatementSync }[] = [];
  const savepoint = (level: number) => {
    savepoints[level] ??= {
      open: db.prepare(`SAVEPOINT sp${level}`),
      release: db.prepare(`RELEASE sp${level}`),
      undo: db.prepare(`ROLLBACK TO sp${level}`),
    };
    return savepoints[level];
  };
  const sql = (text: string): StatementSync => {
    let statement = cache.get(text);
    if (!statement) {
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  return {
    db,
    sql,
    transaction<T>(fn: () => T): T {
      // Nested calls become savepoints, so a handler's inner failure undoes only its own writes.
      const level = depth;
      const sp = level === 0 ? undefined : savepoint(level);
      if (sp) sp.open.run();
      else begin.run();
      depth += 1;
      try {
        const result = fn();
        depth -= 1;
        if (sp) sp.release.run();
        else commit.run();
        return result;
      } catch (error) {
        depth -= 1;
        if (sp) {
          sp.undo.run();
          sp.release.run();
        } else rollback.run();
        throw error;
      }
    },
    getMeta(key) {
      const row = sql("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
      return row?.value;
    },
    setMeta(key, value) {
      sql(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(key, value);
    },
    close() {
      if (db.isOpen) {
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        db.close();
      }
    },
  };
}
