/**
 * The store's query code, shared by both dialects. Whatever runs here must mean the same on SQLite and PostgreSQL.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { createKyselyAccountStore } from './kyselyAccountStore.ts';
import { appendAudit, createKyselyAuditStore } from './kyselyAuditStore.ts';
import * as access from './kyselyClientAccess.ts';
import type { Assignment, ClientAccessReads, ClientScope } from './clientAccess.ts';
import { createMigrator, schemaVersionOf } from './migrations/index.ts';
import { appliedFromRow, appliedToRow, recordFromRow, recordToRow, toSafeInteger } from './rows.ts';
import type { Database } from './schema.ts';
import type { AppliedChange, ReadScope, ReadTx, Store, StoreKind, StoredRecord, WriteTx } from './types.ts';

/** The reads an access decision needs, the same in a read and a write transaction. */
class KyselyAccessReads implements ClientAccessReads {
  constructor(protected readonly trx: Transaction<Database>) {}

  findRecords(ids: readonly string[]): Promise<StoredRecord[]> {
    return access.findRecords(this.trx, ids);
  }

  clientScopes(clientIds: readonly string[]): Promise<ClientScope[]> {
    return access.clientScopes(this.trx, clientIds);
  }

  recordsOfClient(clientId: string): Promise<StoredRecord[]> {
    return access.recordsOfClient(this.trx, clientId);
  }
}

class KyselyWriteTx extends KyselyAccessReads implements WriteTx {
  private narrowed = false;

  constructor(
    trx: Transaction<Database>,
    private lastSeq: number,
  ) {
    super(trx);
  }

  get last(): number {
    return this.lastSeq;
  }

  nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  get accessNarrowed(): boolean {
    return this.narrowed;
  }

  narrowAccess(): void {
    this.narrowed = true;
  }

  setClientMunicipalities(scopes: readonly { readonly clientId: string; readonly municipality: Municipality }[]): Promise<void> {
    return access.setClientMunicipalities(this.trx, scopes);
  }

  async resequenceClients(clientIds: readonly string[]): Promise<void> {
    this.lastSeq += await access.resequenceClients(this.trx, clientIds, this.lastSeq);
  }

  addAssignment(assignment: Assignment): Promise<boolean> {
    return access.addAssignment(this.trx, assignment);
  }

  removeAssignment(clientId: string, accountId: string): Promise<boolean> {
    return access.removeAssignment(this.trx, clientId, accountId);
  }

  markClientErased(clientId: string, at: string): Promise<void> {
    return access.markClientErased(this.trx, clientId, at);
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    await appendAudit(this.trx, entries);
  }

  async findAppliedChanges(entryIds: readonly string[]): Promise<AppliedChange[]> {
    if (entryIds.length === 0) return [];
    const rows = await this.trx.selectFrom('applied_changes').selectAll().where('entry_id', 'in', entryIds).execute();
    return rows.map(appliedFromRow);
  }

  async upsertRecords(records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.trx
      .insertInto('records')
      .values(records.map(recordToRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          client_id: eb.ref('excluded.client_id'),
          data: eb.ref('excluded.data'),
          stamps: eb.ref('excluded.stamps'),
          deleted: eb.ref('excluded.deleted'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }

  async insertAppliedChanges(changes: readonly AppliedChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.trx.insertInto('applied_changes').values(changes.map(appliedToRow)).execute();
  }
}

class KyselyReadTx extends KyselyAccessReads implements ReadTx {
  async recordsAfter(cursor: number, limit: number, scope: ReadScope): Promise<StoredRecord[]> {
    const rows = await this.trx
      .selectFrom('records')
      .selectAll()
      .where('seq', '>', cursor)
      .$call((qb) => (scope.kind === 'all' ? qb : qb.where(access.scopeFilter(scope))))
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(recordFromRow);
  }

  async countAfter(cursor: number, scope: ReadScope): Promise<number> {
    const row = await this.trx
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('seq', '>', cursor)
      .$call((qb) => (scope.kind === 'all' ? qb : qb.where(access.scopeFilter(scope))))
      .executeTakeFirstOrThrow();
    return toSafeInteger(row.n);
  }

  async accessVersion(): Promise<number> {
    const row = await this.trx.selectFrom('sync_state').select('access_version').where('id', '=', 1).executeTakeFirstOrThrow();
    return toSafeInteger(row.access_version);
  }
}

export function createKyselyStore(db: Kysely<Database>, kind: StoreKind): Store {
  let writeTransactions = 0;
  return {
    kind,
    accounts: createKyselyAccountStore(db),
    audit: createKyselyAuditStore(db),
    get writeTransactions() {
      return writeTransactions;
    },

    async migrate() {
      const migrator = createMigrator(db);
      const { error, results } = await migrator.migrateToLatest();
      if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
      const executed = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined);
      return {
        applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
        schemaVersion: schemaVersionOf(executed.at(-1)?.name),
      };
    },

    async health() {
      try {
        const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
        return { ok: true, schemaVersion: schemaVersionOf(rows[0]?.name) };
      } catch {
        return { ok: false, schemaVersion: null };
      }
    },

    write(work) {
      writeTransactions += 1;
      return db.transaction().execute(async (trx) => {
        // The first statement of every write takes the row lock on the counter (SQLite: the database write lock).
        // Writers therefore run one after another and a sequence number becomes visible only after every smaller
        // one has committed: a pull that has seen seq n can never later find a committed row below n. A SEQUENCE
        // would not give that, since numbers are handed out at once and transactions may commit out of order.
        // Reading the batch's records after the lock also means no concurrent push can overwrite what we read.
        const locked = await trx
          .updateTable('sync_state')
          .set({ last_seq: sql<number>`last_seq` })
          .where('id', '=', 1)
          .returning('last_seq')
          .executeTakeFirstOrThrow();
        const base = toSafeInteger(locked.last_seq);
        const tx = new KyselyWriteTx(trx, base);
        const result = await work(tx);
        if (tx.last !== base || tx.accessNarrowed) {
          await trx
            .updateTable('sync_state')
            .set((eb) => ({ last_seq: tx.last, ...(tx.accessNarrowed && { access_version: eb('access_version', '+', 1) }) }))
            .where('id', '=', 1)
            .execute();
        }
        return result;
      });
    },

    read(work) {
      // One snapshot for the page and its count (PostgreSQL; SQLite's read transaction is a snapshot anyway).
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => work(new KyselyReadTx(trx)));
    },

    async lastSeq() {
      const row = await db.selectFrom('sync_state').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
      return toSafeInteger(row.last_seq);
    },

    async countRecords() {
      const row = await db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return toSafeInteger(row.n);
    },

    close() {
      return db.destroy();
    },
  };
}
