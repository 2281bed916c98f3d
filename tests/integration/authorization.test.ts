/**
 * The authorization matrix: every role × record type × operation × own/other municipality, one test per cell, on
 * both stores, calling the services with actors built directly. "Own" is a client of Kyrkslätt that the actor
 * reaches (served by the counsellor, assigned to the member of staff, the client's own record); "other" is a client
 * of Sjundeå. Then the ways around it: tampered ids and cursors, scope changes, and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { assignStaff, unassignStaff } from '#server/services/assignments.ts';
import { systemActor, type AccountActor } from '#server/services/actor.ts';
import { logViews } from '#server/services/auditViews.ts';
import { computePull } from '#server/services/computePull.ts';
import type { Store } from '#server/store/types.ts';
import type { ViewEvent } from '#shared/schema/audit.ts';
import { roles, type Role } from '#shared/schema/auth.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { recordTypeNames, type RecordType } from '#shared/schema/recordType.ts';
import { MAX_PULL_LIMIT, PROTOCOL_VERSION, pullQuery, type ChangeEntry } from '#shared/schema/sync.ts';
import { clientData, noteData } from '../fixtures/serverEntries.ts';
import { accountActor, assign, newDevice, pullAllAs, pushAs, seedClient, staffAccount, type ClientFixture } from './support/access.ts';
import { migratedStore, storeKinds, type TestDatabase } from './support/stores.ts';

type Operation = 'read' | 'insert' | 'set' | 'delete';
type Side = 'own' | 'other';
/** For reads, `allow` means the pull delivers the record and `forbidden` that it does not. */
type Expected = 'allow' | 'forbidden' | 'appendOnly';
type Cell = { readonly [S in Side]: Expected };
type TypeRow = { readonly [O in Operation]: Cell };

const operations: readonly Operation[] = ['read', 'insert', 'set', 'delete'];
const sides: readonly Side[] = ['own', 'other'];
const municipalityOf: { readonly [S in Side]: Municipality } = { own: 'kyrkslatt', other: 'sjundea' };

const denied: Cell = { own: 'forbidden', other: 'forbidden' };
const ownOnly: Cell = { own: 'allow', other: 'forbidden' };
const appendOnlyOwn: Cell = { own: 'appendOnly', other: 'forbidden' };
const nothing: TypeRow = { read: denied, insert: denied, set: denied, delete: denied };

/** The whole expected matrix. A role or record type without its row fails below, at run time and in tsc. */
const expected: { readonly [R in Role]: { readonly [T in RecordType]: TypeRow } } = {
  counsellor: {
    client: { read: ownOnly, insert: ownOnly, set: ownOnly, delete: ownOnly },
    note: { read: ownOnly, insert: ownOnly, set: appendOnlyOwn, delete: ownOnly },
    conflict: { read: ownOnly, insert: denied, set: ownOnly, delete: ownOnly },
  },
  municipalStaff: {
    client: { read: ownOnly, insert: denied, set: ownOnly, delete: denied },
    note: { read: ownOnly, insert: ownOnly, set: appendOnlyOwn, delete: denied },
    conflict: { read: ownOnly, insert: denied, set: ownOnly, delete: denied },
  },
  partner: { client: nothing, note: nothing, conflict: nothing },
  coordinator: { client: nothing, note: nothing, conflict: nothing },
  admin: { client: nothing, note: nothing, conflict: nothing },
  client: {
    client: { read: ownOnly, insert: denied, set: denied, delete: denied },
    note: nothing,
    conflict: nothing,
  },
};

function rowOf(role: Role, type: RecordType): TypeRow | undefined {
  return (expected as Partial<Record<Role, Partial<Record<RecordType, TypeRow>>>>)[role]?.[type];
}

function recordIdOf(fixture: ClientFixture, type: RecordType): string {
  const ids: { readonly [T in RecordType]: string } = { client: fixture.clientId, note: fixture.noteId, conflict: fixture.conflictId };
  return ids[type];
}

/** The actor of `role` for whom `own` is its own client: assigned to it, or (the client role) that client. */
async function actorReaching(store: Store, role: Role, own: ClientFixture): Promise<AccountActor> {
  const actor = accountActor(role, { clientId: role === 'client' ? own.clientId : null });
  if (role === 'municipalStaff') await assign(store, own.clientId, actor.accountId);
  return actor;
}

function writeEntry(type: RecordType, op: Exclude<Operation, 'read'>, target: ClientFixture): ChangeEntry {
  const device = newDevice();
  if (op === 'delete') return device.delete(type, recordIdOf(target, type));
  const stamp = device.stamp();
  const inserts: { readonly [T in RecordType]: () => ChangeEntry } = {
    client: () => device.insert('client', clientData({ homeMunicipality: target.municipality })),
    note: () => device.insert('note', noteData(target.clientId)),
    conflict: () =>
      device.insert('conflict', {
        recordType: 'client',
        recordId: target.clientId,
        clientId: target.clientId,
        field: 'email',
        loserValue: 'x@example.com',
        loserHlc: stamp,
        winnerHlc: stamp,
        resolution: 'open',
      }),
  };
  const sets: { readonly [T in RecordType]: Record<string, string> } = {
    client: { status: 'plan' },
    note: { text: 'Changed afterwards.' },
    conflict: { resolution: 'keptCurrent' },
  };
  return op === 'insert' ? inserts[type]() : device.set(type, recordIdOf(target, type), sets[type]);
}

describe.each(storeKinds)('authorization on %s', (kind) => {
  let store: Store;
  let db: TestDatabase;
  let close: () => Promise<void>;
  const fixtures = {} as Record<Side, ClientFixture>;
  const readers = {} as Record<Role, AccountActor>;

  beforeAll(async () => {
    ({ store, db, close } = await migratedStore(kind));
    fixtures.own = await seedClient(store, db, 'kyrkslatt');
    fixtures.other = await seedClient(store, db, 'sjundea');
    for (const role of roles) readers[role] = await actorReaching(store, role, fixtures.own);
  });
  afterAll(async () => {
    await close();
  });

  it('has an expectation for every role and every record type', () => {
    for (const role of roles) for (const type of recordTypeNames) expect(rowOf(role, type), `${role} × ${type}`).toBeDefined();
  });

  describe.each(roles)('%s', (role) => {
    it('is counted in `remaining` for exactly what it may read (the SQL scope agrees with the rules)', async () => {
      const { records } = await pullAllAs(store, readers[role]);
      const first = await computePull(store, readers[role], { v: PROTOCOL_VERSION, cursor: 0, limit: 1, count: true });
      expect(first.remaining).toBe(records.length - first.records.length);
    });

    describe.each(recordTypeNames)('%s records', (type) => {
      const row = rowOf(role, type);
      for (const op of operations) {
        for (const side of sides) {
          const want = row?.[op][side];
          it(`${op} (${side} municipality) → ${want ?? 'no expectation'}`, async () => {
            if (want === undefined) throw new Error(`no expectation for ${role} × ${type} × ${op}`);
            if (op === 'read') {
              const { records } = await pullAllAs(store, readers[role]);
              const id = recordIdOf(fixtures[side], type);
              expect(records.some((r) => r.id === id && r.type === type)).toBe(want === 'allow');
              return;
            }
            const own = await seedClient(store, db, 'kyrkslatt');
            const target = side === 'own' ? own : await seedClient(store, db, municipalityOf[side]);
            const actor = await actorReaching(store, role, own);
            const [result] = await pushAs(store, actor, [writeEntry(type, op, target)]);
            expect(result?.status === 'applied' ? 'allow' : result?.code).toBe(want);
          });
        }
      }
    });
  });

  describe('tampered ids', () => {
    const counsellor = accountActor('counsellor');

    it('refuses a note pointing at another municipality’s client exactly as one pointing at no client', async () => {
      const device = newDevice();
      const results = await pushAs(store, counsellor, [
        device.insert('note', noteData(fixtures.other.clientId)),
        device.insert('note', noteData(uuidv7())),
      ]);
      expect(results.map((r) => [r.status, r.code])).toEqual([
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
      ]);
    });

    it('refuses to change or delete another municipality’s records exactly as records that do not exist', async () => {
      const target = await seedClient(store, db, 'sjundea');
      const device = newDevice();
      const results = await pushAs(store, counsellor, [
        device.set('client', target.clientId, { status: 'ended' }),
        device.set('client', uuidv7(), { status: 'ended' }),
        device.delete('note', target.noteId),
        device.delete('note', uuidv7()),
        device.set('conflict', target.conflictId, { resolution: 'tookOther' }),
        device.set('conflict', uuidv7(), { resolution: 'tookOther' }),
        // A malformed value is called what it is, wherever it is sent: the checks read the entry alone.
        device.set('client', target.clientId, { nickname: 'x' }),
        device.set('client', uuidv7(), { nickname: 'x' }),
        device.set('client', target.clientId, { status: 'vip' }),
        device.set('client', uuidv7(), { status: 'vip' }),
      ]);
      expect(results.map((r) => r.code)).toEqual([...Array<string>(6).fill('forbidden'), 'unknownField', 'unknownField', 'badRequest', 'badRequest']);
      const [stored] = await db.sql(`SELECT data, deleted FROM records WHERE id = '${target.clientId}'`);
      expect(JSON.parse(String(stored?.['data'])) as unknown).toMatchObject({ status: 'guidance' });
    });

    it('answers the re-use of another type’s id with forbidden when the record is out of reach, badRequest when not', async () => {
      const own = await seedClient(store, db, 'kyrkslatt');
      const device = newDevice();
      const results = await pushAs(store, counsellor, [
        device.insert('note', noteData(own.clientId), fixtures.other.clientId),
        device.insert('note', noteData(own.clientId), fixtures.other.conflictId),
        device.insert('client', clientData(), fixtures.other.noteId),
        device.insert('note', noteData(own.clientId), own.clientId),
      ]);
      expect(results.map((r) => r.code)).toEqual(['forbidden', 'forbidden', 'forbidden', 'badRequest']);
    });

    it('refuses an insert over another municipality’s record, whatever client the new data names', async () => {
      const own = await seedClient(store, db, 'kyrkslatt');
      const device = newDevice();
      const results = await pushAs(store, counsellor, [
        device.insert('client', clientData({ homeMunicipality: 'kyrkslatt' }), fixtures.other.clientId),
        device.insert('note', noteData(own.clientId), fixtures.other.noteId),
        // And the other way round: an own note may not be re-pointed at a client out of reach.
        device.insert('note', noteData(fixtures.other.clientId), own.noteId),
      ]);
      expect(results.map((r) => r.code)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    });

    it('says nothing of a deleted record out of reach: an insert over it is forbidden, not recordDeleted', async () => {
      const gone = uuidv7();
      await pushAs(store, systemActor, [newDevice().delete('client', gone)]);
      const other = await seedClient(store, db, 'sjundea');
      await pushAs(store, systemActor, [newDevice().delete('client', other.clientId)]);
      const device = newDevice();
      const results = await pushAs(store, counsellor, [
        device.insert('client', clientData(), gone),
        device.insert('client', clientData(), other.clientId),
        device.insert('note', noteData(other.clientId)),
      ]);
      expect(results.map((r) => r.code)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    });

    it('lets a counsellor move a client only between municipalities they serve, and staff not at all', async () => {
      const target = await seedClient(store, db, 'kyrkslatt');
      const staff = accountActor('municipalStaff');
      await assign(store, target.clientId, staff.accountId);
      const both = accountActor('counsellor', { municipalities: ['kyrkslatt', 'sjundea'] });
      const device = newDevice();
      const move = () => device.set('client', target.clientId, { homeMunicipality: 'sjundea' });
      expect((await pushAs(store, counsellor, [move()]))[0]?.code).toBe('forbidden');
      expect((await pushAs(store, staff, [move()]))[0]?.code).toBe('forbidden');
      // Staff may send the municipality unchanged (a whole form), as long as it does not move.
      expect((await pushAs(store, staff, [device.set('client', target.clientId, { homeMunicipality: 'kyrkslatt' })]))[0]?.status).toBe('applied');
      expect((await pushAs(store, counsellor, [device.insert('client', clientData({ homeMunicipality: 'sjundea' }))]))[0]?.code).toBe('forbidden');
      expect((await pushAs(store, both, [move()]))[0]?.status).toBe('applied');
      expect(await db.sql(`SELECT municipality FROM client_access WHERE client_id = '${target.clientId}'`)).toEqual([{ municipality: 'sjundea' }]);
    });

    it('lets a counsellor create a client and its notes in one batch, but not move it out of reach in the same batch', async () => {
      const device = newDevice();
      const client = device.insert('client', clientData());
      const note = device.insert('note', noteData(client.recordId));
      const away = device.set('client', client.recordId, { homeMunicipality: 'sjundea' });
      const late = device.insert('note', noteData(client.recordId));
      const results = await pushAs(store, counsellor, [client, note, away, late]);
      expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'forbidden', 'applied']);
    });
  });

  describe('tampered pull cursors', () => {
    const counsellor = accountActor('counsellor', { municipalities: ['sjundea'] });

    async function inScopeIds(): Promise<string[]> {
      const rows = await db.sql(
        "SELECT r.id FROM records r JOIN client_access a ON a.client_id = r.client_id WHERE a.municipality = 'sjundea' ORDER BY r.seq",
      );
      return rows.map((r) => String(r['id']));
    }

    it('never delivers an out-of-scope record from any cursor, and counts `remaining` in scope only', async () => {
      const allowed = await inScopeIds();
      const last = await store.lastSeq();
      for (const cursor of [0, 1, Math.floor(last / 2), last, last + 1, 10 ** 15, Number.MAX_SAFE_INTEGER]) {
        const page = await computePull(store, counsellor, { v: PROTOCOL_VERSION, cursor, limit: 1, count: true });
        for (const r of page.records) expect(allowed).toContain(r.id);
        const [{ n }] = (await db.sql(
          `SELECT count(*) AS n FROM records r JOIN client_access a ON a.client_id = r.client_id WHERE a.municipality = 'sjundea' AND r.seq > ${page.cursor}`,
        )) as [{ n: unknown }];
        expect(page.remaining).toBe(Number(n));
      }
      const { records } = await pullAllAs(store, counsellor, 0, 1);
      expect(records.map((r) => r.id)).toEqual(allowed);
    });

    it('refuses negative, fractional and oversized cursors before any service sees them', () => {
      for (const cursor of ['-1', '-9007199254740991', '1.5', '9007199254740992', '1e400', 'abc']) {
        expect(pullQuery.safeParse({ v: '1', cursor, limit: '10' }).success, cursor).toBe(false);
      }
      expect(pullQuery.safeParse({ v: '1', cursor: '0', limit: String(MAX_PULL_LIMIT + 1) }).success).toBe(false);
    });
  });

  describe('scope changes', () => {
    it('gives a member of staff assigned later the client’s whole history after their cursor', async () => {
      const staff = await staffAccount(store);
      const target = await seedClient(store, db, 'kyrkslatt');
      const device = newDevice();
      const older = [device.insert('note', noteData(target.clientId)), device.insert('note', noteData(target.clientId))];
      await pushAs(store, systemActor, older);
      // The staff member's device has synced past the client's history already, through a client of their own.
      const marker = await seedClient(store, db, 'kyrkslatt');
      await assign(store, marker.clientId, staff.accountId);
      const before = await pullAllAs(store, staff);
      expect(before.records.map((r) => r.id)).toEqual([marker.clientId, marker.noteId, marker.conflictId]);

      const counsellor = accountActor('counsellor');
      expect(await assignStaff(store, counsellor, { clientId: target.clientId, accountId: staff.accountId })).toEqual({ ok: true, changed: true });
      const after = await pullAllAs(store, staff, before.cursor);
      expect(new Set(after.records.map((r) => r.id))).toEqual(
        new Set([target.clientId, target.noteId, target.conflictId, ...older.map((e) => e.recordId)]),
      );
      // Assigning again changes nothing, so nobody pulls the history a second time.
      const last = await store.lastSeq();
      expect(await assignStaff(store, counsellor, { clientId: target.clientId, accountId: staff.accountId })).toEqual({ ok: true, changed: false });
      expect(await store.lastSeq()).toBe(last);

      // Unassigned, the member of staff keeps what was pulled (no purge yet) but receives no further changes.
      expect(await unassignStaff(store, counsellor, { clientId: target.clientId, accountId: staff.accountId })).toEqual({ ok: true, changed: true });
      await pushAs(store, systemActor, [device.insert('note', noteData(target.clientId))]);
      expect((await pullAllAs(store, staff, after.cursor)).records).toEqual([]);
    });

    it('lets only a counsellor serving the client’s municipality assign, and only staff accounts', async () => {
      const staff = await staffAccount(store);
      const target = await seedClient(store, db, 'kyrkslatt');
      const params = { clientId: target.clientId, accountId: staff.accountId };
      for (const actor of [accountActor('counsellor', { municipalities: ['sjundea'] }), staff, accountActor('admin'), accountActor('coordinator')]) {
        expect(await assignStaff(store, actor, params)).toEqual({ ok: false, code: 'forbidden' });
        expect(await unassignStaff(store, actor, params)).toEqual({ ok: false, code: 'forbidden' });
      }
      // An unknown client is answered as one out of reach.
      expect(await assignStaff(store, accountActor('counsellor'), { ...params, clientId: uuidv7() })).toEqual({ ok: false, code: 'forbidden' });
      const notStaff = accountActor('counsellor');
      expect(await assignStaff(store, accountActor('counsellor'), { ...params, accountId: notStaff.accountId })).toEqual({ ok: false, code: 'notFound' });
    });

    it('gives counsellors of the new municipality a moved client’s history; those of the old one stop receiving it', async () => {
      const target = await seedClient(store, db, 'kyrkslatt');
      // Devices of both municipalities have synced past the client's history.
      await seedClient(store, db, 'sjundea');
      const sjundea = accountActor('counsellor', { municipalities: ['sjundea'] });
      const kyrkslatt = accountActor('counsellor', { municipalities: ['kyrkslatt'] });
      const sjundeaBefore = await pullAllAs(store, sjundea);
      const kyrkslattBefore = await pullAllAs(store, kyrkslatt);
      expect(kyrkslattBefore.records.map((r) => r.id)).toContain(target.noteId);

      const both = accountActor('counsellor', { municipalities: ['kyrkslatt', 'sjundea'] });
      expect((await pushAs(store, both, [newDevice().set('client', target.clientId, { homeMunicipality: 'sjundea' })]))[0]?.status).toBe('applied');
      const gained = await pullAllAs(store, sjundea, sjundeaBefore.cursor);
      expect(gained.records.map((r) => r.id)).toEqual(expect.arrayContaining([target.clientId, target.noteId, target.conflictId]));
      // The old municipality's devices keep their stale copies (no purge mechanism yet) and hear nothing more.
      expect((await pullAllAs(store, kyrkslatt, kyrkslattBefore.cursor)).records.map((r) => r.id)).not.toContain(target.clientId);
    });
  });

  describe('audit log', () => {
    async function auditRows(where: string): Promise<Record<string, unknown>[]> {
      return db.sql(`SELECT * FROM audit_log WHERE ${where} ORDER BY at, id`);
    }

    it('has no column for record content', async () => {
      const columns =
        kind === 'sqlite'
          ? (await db.sql("SELECT name FROM pragma_table_info('audit_log')")).map((c) => c['name'])
          : (await db.sql("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'audit_log'")).map((c) => c['name']);
      expect(new Set(columns)).toEqual(
        new Set(['id', 'at', 'logged_at', 'account_id', 'device_id', 'action', 'record_type', 'record_id', 'client_id']),
      );
    });

    it('logs one change row per applied entry, inside the push, and none for rejections or retries', async () => {
      const counsellor = accountActor('counsellor');
      const device = newDevice();
      const client = device.insert('client', clientData({ lastName: 'Canary-Change-7f3a' }));
      const note = device.insert('note', noteData(client.recordId));
      const refused = device.insert('note', noteData(fixtures.other.clientId));
      const entries = [client, note, refused];
      await pushAs(store, counsellor, entries);
      await pushAs(store, counsellor, entries);
      const rows = await auditRows(`account_id = '${counsellor.accountId}'`);
      expect(rows.map((r) => [r['action'], r['device_id'], r['record_type'], r['record_id'], r['client_id']])).toEqual([
        ['change', counsellor.deviceId, 'client', client.recordId, client.recordId],
        ['change', counsellor.deviceId, 'note', note.recordId, client.recordId],
      ]);
      for (const row of rows) {
        expect(row['at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(JSON.stringify(row)).not.toContain('Canary');
      }
    });

    it('logs the system actor’s writes under the account "system" and the pushing device', async () => {
      const device = newDevice();
      const client = device.insert('client', clientData());
      await pushAs(store, systemActor, [client], device.deviceId);
      expect(await auditRows(`record_id = '${client.recordId}'`)).toMatchObject([{ account_id: 'system', device_id: device.deviceId, action: 'change' }]);
    });

    it('logs a view of a readable record once, and refuses views of records out of reach or misdescribed', async () => {
      const counsellor = accountActor('counsellor');
      const own = await seedClient(store, db, 'kyrkslatt');
      const event = (overrides: Partial<ViewEvent> = {}): ViewEvent => ({
        id: uuidv7(),
        action: 'view',
        recordType: 'note',
        recordId: own.noteId,
        clientId: own.clientId,
        at: '2026-01-02T03:04:05Z',
        ...overrides,
      });
      const seen = event();
      const refused = [
        event({ recordId: fixtures.other.noteId, clientId: fixtures.other.clientId }),
        event({ clientId: fixtures.other.clientId }),
        event({ recordType: 'client' }),
        event({ recordId: uuidv7() }),
      ];
      const first = await logViews(store, counsellor, { v: PROTOCOL_VERSION, events: [seen, seen, ...refused] });
      expect(first.results).toEqual([
        { id: seen.id, status: 'logged' },
        { id: seen.id, status: 'duplicate' },
        ...refused.map((e) => ({ id: e.id, status: 'rejected', code: 'forbidden' })),
      ]);
      const again = await logViews(store, counsellor, { v: PROTOCOL_VERSION, events: [seen] });
      expect(again.results).toEqual([{ id: seen.id, status: 'duplicate' }]);
      expect(await auditRows(`account_id = '${counsellor.accountId}'`)).toMatchObject([
        { id: seen.id, action: 'view', at: '2026-01-02T03:04:05.000Z', device_id: counsellor.deviceId, record_type: 'note', record_id: own.noteId, client_id: own.clientId },
      ]);
    });

    it('refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows', async () => {
      const [{ n: before }] = (await db.sql('SELECT count(*) AS n FROM audit_log')) as [{ n: unknown }];
      expect(Number(before)).toBeGreaterThan(0);
      await expect(async () => db.sql("UPDATE audit_log SET action = 'view'")).rejects.toThrow(/append-only/);
      await expect(async () => db.sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      if (kind === 'postgres') await expect(async () => db.sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      const [{ n: after }] = (await db.sql('SELECT count(*) AS n FROM audit_log')) as [{ n: unknown }];
      expect(after).toEqual(before);
    });

    it('logs one pull row per client-owned record delivered', async () => {
      const staff = accountActor('municipalStaff');
      const target = await seedClient(store, db, 'kyrkslatt', 'Canary-Pull-91bd');
      await assign(store, target.clientId, staff.accountId);
      const { records } = await pullAllAs(store, staff, 0, 2);
      expect(records).toHaveLength(3);
      const rows = await auditRows(`account_id = '${staff.accountId}'`);
      expect(rows.map((r) => [r['action'], r['device_id'], r['record_id'], r['client_id']]).sort()).toEqual(
        records.map((r) => ['pull', staff.deviceId, r.id, target.clientId]).sort(),
      );
      expect(JSON.stringify(rows)).not.toContain('Canary');
    });
  });
});
