/**
 * The benchmark page, served by the Silta server from the same origin as its API. It runs the app's own sync code
 * (pullChanges, pushChanges, httpTransport, SiltaDb and the repos) unchanged, and beside it the floor: the same API
 * pages fetched and written with bare Dexie bulkPuts into tables with the same indexes. Every request carries the
 * session cookie of the page's sign-in (the browser context's one cookie jar), the floor's as much as Silta's.
 */
import { Dexie, type EntityTable } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { pullResponse } from '../../src/shared/schema/sync.ts';
import { initialHlc, serializeHlc, tick } from '../../src/shared/sync/hlc.ts';
import type { Json } from '../../src/shared/sync/merge.ts';
import { localInsert } from '../../src/shared/sync/ops.ts';
import { applyServerRecords } from '../../src/client/db/applyServerRecords.ts';
import { getClient, updateClient } from '../../src/client/db/clientsRepo.ts';
import { countUnsynced } from '../../src/client/db/changeLog.ts';
import { attachDataKey } from '../../src/client/db/attachDataKey.ts';
import { SiltaDb, type PlainRecordRow } from '../../src/client/db/database.ts';
import { deviceId, newDeviceId } from '../../src/client/db/deviceClock.ts';
import { addNote } from '../../src/client/db/notesRepo.ts';
import { httpAuthApi } from '../../src/client/session/authApi.ts';
import { makeNote } from '../../tests/fixtures/builders.ts';
import { pullChanges, PULL_PAGE_SIZE } from '../../src/client/sync/pullChanges.ts';
import { pushChanges } from '../../src/client/sync/pushChanges.ts';
import { httpTransport } from '../../src/client/sync/transport.ts';
import type {
  FirstSyncArgs,
  FirstSyncResult,
  FloorResult,
  IncrementalArgs,
  IncrementalResult,
  ProfileResult,
  SaveArgs,
  SaveResult,
  SiltaBenchApi,
  SignInArgs,
} from './api.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

/** A record as the floor stores it: as pulled, its stamps still packed (`stamp`, see packedStamps.ts). */
type FloorRow = PlainRecordRow & { stamp?: string };

/**
 * The floor's database (P5), and P4's bare side: plain record tables with the indexes the app's have (database.ts,
 * version 4), nothing sealed, no change log.
 */
class FloorDb extends Dexie {
  clients!: EntityTable<FloorRow, 'id'>;
  notes!: EntityTable<FloorRow, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ clients: '&id', notes: '&id, clientId' });
  }
}

/** The fields of a pulled record the floor reads; nothing is validated, as a bare download would not. */
interface PulledRecord {
  type: PlainRecordRow['type'];
  id: string;
  data: PlainRecordRow['data'];
  stamp?: string;
  stamps: PlainRecordRow['stamps'];
  deleted: PlainRecordRow['deleted'];
}
interface PulledPage {
  records: PulledRecord[];
  cursor: number;
  more: boolean;
}

const transport = httpTransport();
const auth = httpAuthApi();
const open = new Map<string, SiltaDb>();
/** Silta seals every record under the data key the app unlocks; here a random non-extractable one stands in. */
const dataKey = crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

async function siltaDb(name: string): Promise<SiltaDb> {
  const db = new SiltaDb(name);
  await attachDataKey(db, await dataKey);
  return db;
}

async function deviceDb(name: string): Promise<SiltaDb> {
  let db = open.get(name);
  if (db === undefined) {
    db = await siltaDb(name);
    open.set(name, db);
  }
  return db;
}

/**
 * Signs in as the device a database belongs to (its clock's id, which the app also reads at sign-in), or as a new
 * device when there is none (the floor). The session cookie then goes with every request of every tab.
 */
async function signIn({ username, password, dbName }: SignInArgs): Promise<string> {
  let id: string;
  if (dbName === null) id = newDeviceId();
  else {
    const db = open.get(dbName) ?? new SiltaDb(dbName);
    id = await deviceId(db);
    if (!open.has(dbName)) db.close();
  }
  await auth.signIn({ username, password, deviceId: id, deviceName: 'benchmark' });
  return id;
}

async function siltaFirstSync({ dbName, lastId }: FirstSyncArgs): Promise<FirstSyncResult> {
  const t0 = performance.now();
  const db = await siltaDb(dbName);
  await pullChanges(db, transport);
  const ms = performance.now() - t0;
  const stored = await db.notes.count();
  const lastStored = (await db.notes.get(lastId)) !== undefined;
  db.close();
  return { ms, stored, lastStored };
}

/** One page of the pull API as the app asks for it: counted at a sync's first page only. */
function fetchPullPage(cursor: number, first: boolean): Promise<Response> {
  return fetch(`/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=${cursor}&limit=${PULL_PAGE_SIZE}&count=${first}`, { credentials: 'same-origin', cache: 'no-store' });
}

async function floorFirstSync({ dbName, lastId }: FirstSyncArgs): Promise<FloorResult> {
  const t0 = performance.now();
  const db = new FloorDb(dbName);
  await db.open();
  const records: PulledRecord[] = [];
  let cursor = 0;
  let pages = 0;
  // Bounded: a server that kept saying `more` would otherwise loop forever.
  for (; pages < 10_000; ) {
    const res = await fetchPullPage(cursor, pages === 0);
    if (!res.ok) throw new Error(`pull failed: ${res.status}`);
    const page = (await res.json()) as PulledPage;
    pages += 1;
    for (const r of page.records) records.push(r);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const t1 = performance.now();
  const clients: FloorRow[] = [];
  const notes: FloorRow[] = [];
  for (const r of records) {
    const row: FloorRow = { type: r.type, id: r.id, data: r.data, stamps: r.stamps, deleted: r.deleted };
    if (r.stamp !== undefined) row.stamp = r.stamp;
    const clientId = r.data['clientId'];
    if (typeof clientId === 'string') row.clientId = clientId;
    (r.type === 'client' ? clients : notes).push(row);
  }
  await db.transaction('rw', [db.clients, db.notes], async () => {
    await db.clients.bulkPut(clients);
    await db.notes.bulkPut(notes);
  });
  const t2 = performance.now();
  const stored = await db.notes.count();
  const lastStored = (await db.notes.get(lastId)) !== undefined;
  db.close();
  return { ms: t2 - t0, downloadMs: t1 - t0, writeMs: t2 - t1, pages, stored, lastStored };
}

async function siltaProfile(dbName: string): Promise<ProfileResult> {
  const t0 = performance.now();
  const db = await siltaDb(dbName);
  let fetchMs = 0;
  let jsonParseMs = 0;
  let validateMs = 0;
  let applyMs = 0;
  let pages = 0;
  let cursor = 0;
  let contentEncoding = '';
  for (; pages < 10_000; ) {
    const a = performance.now();
    const res = await fetchPullPage(cursor, pages === 0);
    const text = await res.text();
    contentEncoding = res.headers.get('content-encoding') ?? 'identity';
    const b = performance.now();
    const body: unknown = JSON.parse(text);
    const c = performance.now();
    const parsed = pullResponse.safeParse(body);
    const d = performance.now();
    if (!parsed.success) throw new Error('invalid page');
    // As pullChanges applies the pages of a first sync.
    await applyServerRecords(db, parsed.data.records, parsed.data.cursor, { firstSync: true });
    const e = performance.now();
    fetchMs += b - a;
    jsonParseMs += c - b;
    validateMs += d - c;
    applyMs += e - d;
    pages += 1;
    cursor = parsed.data.cursor;
    if (!parsed.data.more) break;
  }
  const ms = performance.now() - t0;
  const stored = await db.notes.count();
  db.close();
  return { ms, fetchMs, jsonParseMs, validateMs, applyMs, pages, contentEncoding, stored };
}

async function deleteDb(name: string): Promise<void> {
  open.get(name)?.close();
  open.delete(name);
  await Dexie.delete(name);
}

async function queueNotes(dbName: string, clientId: string, count: number): Promise<number> {
  const db = await deviceDb(dbName);
  for (let i = 0; i < count; i += 1) {
    await addNote(
      db,
      clientId,
      makeNote({
        occurredAt: new Date(Date.UTC(2026, 0, 5, 8, i % 60)).toISOString(),
        text: `Benchmark note ${i}: talked about housing allowance and the next steps.`,
      }),
    );
  }
  return countUnsynced(db);
}

async function push(dbName: string): Promise<{ sent: number; queuedAfter: number }> {
  const db = await deviceDb(dbName);
  const sent = await pushChanges(db, transport);
  return { sent, queuedAfter: await countUnsynced(db) };
}

async function pullAll(dbName: string): Promise<number> {
  return (await pullChanges(await deviceDb(dbName), transport)).received;
}

async function incremental({ deviceA, deviceB, recordId, phone }: IncrementalArgs): Promise<IncrementalResult> {
  const a = await deviceDb(deviceA);
  const b = await deviceDb(deviceB);
  await updateClient(a, recordId, { phone });
  const t0 = performance.now();
  await pushChanges(a, transport);
  const t1 = performance.now();
  await pullChanges(b, transport);
  const t2 = performance.now();
  const client = await getClient(b, recordId);
  return { pushMs: t1 - t0, pullMs: t2 - t1, arrived: client?.fields.phone === phone };
}

/**
 * P4: the same notes saved one at a time, awaiting each, as a person saves them: through the data layer (addNote:
 * commitWrite seals the record and its change-log entry and writes both in one transaction), or as one bare put
 * of the plain record, its id, stamps and clientId made before the clock starts.
 */
async function saveNotes({ dbName, notes, bare }: SaveArgs): Promise<SaveResult> {
  const perSave: number[] = [];
  if (bare) {
    const db = new FloorDb(dbName);
    await db.open();
    const hlc = serializeHlc(tick(initialHlc(newDeviceId()), Date.now()));
    const rows: PlainRecordRow[] = notes.map((fields) => {
      const id = uuidv7();
      const data = { ...fields, rootId: id } as unknown as Record<string, Json>;
      return { ...localInsert('note', id, data, hlc, uuidv7()).state, clientId: fields.clientId };
    });
    for (const row of rows) {
      const t0 = performance.now();
      await db.notes.put(row);
      perSave.push(performance.now() - t0);
    }
    db.close();
  } else {
    const db = await deviceDb(dbName);
    for (const fields of notes) {
      const { clientId, rootId: _root, supersedesId: _supersedes, ...input } = fields;
      const t0 = performance.now();
      await addNote(db, clientId, input);
      perSave.push(performance.now() - t0);
    }
  }
  return { perSave, totalMs: perSave.reduce((a, b) => a + b, 0) };
}

const api: SiltaBenchApi = { signIn, siltaFirstSync, floorFirstSync, siltaProfile, deleteDb, queueNotes, push, pullAll, incremental, saveNotes };
window.siltaBench = api;
document.body.dataset['ready'] = 'true';
