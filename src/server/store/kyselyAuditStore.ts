/** The audit log's queries, shared by both dialects. There is no update or delete here, and the database refuses both. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { auditActions, auditSubjectTypes, type AuditAction, type AuditEntry, type AuditSubjectType } from '#shared/schema/audit.ts';
import type { AuditFilter, AuditStore } from './auditStore.ts';
import type { AuditLogTable, Database } from './schema.ts';
import { groupCommit } from './groupCommit.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Ten columns a row: 500 rows stay far below both dialects' limits on bound parameters. */
const INSERT_CHUNK = 500;

function toRow(entry: AuditEntry): Selectable<AuditLogTable> {
  return {
    id: entry.id,
    at: entry.at,
    logged_at: entry.loggedAt,
    account_id: entry.accountId,
    device_id: entry.deviceId,
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    client_id: entry.clientId,
  };
}

function fromRow(row: Selectable<AuditLogTable>): AuditEntry {
  if (!(auditActions as readonly string[]).includes(row.action)) throw new Error(`unknown audit action in store: ${row.action}`);
  if (!(auditSubjectTypes as readonly string[]).includes(row.record_type)) throw new Error(`unknown audit subject in store: ${row.record_type}`);
  return {
    id: row.id,
    at: row.at,
    loggedAt: row.logged_at,
    accountId: row.account_id,
    deviceId: row.device_id,
    action: row.action as AuditAction,
    recordType: row.record_type as AuditSubjectType,
    recordId: row.record_id,
    clientId: row.client_id,
  };
}

/** Appends, skipping ids logged already; answers the ids that were new. */
export async function appendAudit(db: Db, entries: readonly AuditEntry[]): Promise<string[]> {
  const appended: string[] = [];
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const rows = await db
      .insertInto('audit_log')
      .values(entries.slice(i, i + INSERT_CHUNK).map(toRow))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    appended.push(...rows.map((r) => r.id));
  }
  return appended;
}

export function createKyselyAuditStore(db: Kysely<Database>): AuditStore {
  // Every pull that delivers client data logs it before answering: under many concurrent pulls one commit a pull
  // would be the bottleneck, so concurrent appends share a transaction. A caller's rows are still logged whole or
  // not at all, and it answers only after they are committed.
  const append = groupCommit(
    (entries: readonly AuditEntry[]) => db.transaction().execute((trx) => appendAudit(trx, entries)),
    (entry, appended) => (appended.has(entry.id) ? entry.id : undefined),
  );
  return {
    append,

    async query(filter: AuditFilter) {
      let query = db.selectFrom('audit_log').selectAll();
      if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
      if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('at', '<', filter.to);
      const { after } = filter;
      if (after !== undefined) {
        query = query.where((eb) => eb.or([eb('at', '>', after.at), eb.and([eb('at', '=', after.at), eb('id', '>', after.id)])]));
      }
      const rows = await query.orderBy('at').orderBy('id').limit(filter.limit).execute();
      return rows.map(fromRow);
    },
  };
}
