/**
 * The benchmark page, served by the Silta server from the same origin as its API. It runs the app's own sync code
 * (pullChanges, pushChanges, httpTransport, SiltaDb and the repos) unchanged, and beside it the floor: the same API
 * pages fetched and written with one bare Dexie bulkPut into a table with the same indexes.
 */
import { Dexie, type EntityTable } from 'dexie';
import { pullResponse } from '../../src/shared/schema/sync.ts';
import { applyServerRecords } from '../../src/client/db/applyServerRecords.ts';
import { updateClient } from '../../src/client/db/clientsRepo.ts';
import { countUnsynced } from '../../src/client/db/changeLog.ts';
import { SiltaDb, type RecordRow } from '../../src/client/db/database.ts';
import { addNote } from '../../src/client/db/notesRepo.ts';
import { makeNote } from '../../tests/fixtures/builders.ts';
import { pullChanges, PULL_PAGE_SIZE } from '../../src/client/sync/pullChanges.ts';
import { pushChanges } from '../../src/client/sync/pushChanges.ts';
import { httpTransport } from '../../src/client/sync/transport.ts';
import type { FirstSyncArgs, FirstSyncResult, FloorResult, IncrementalArgs, IncrementalResult, ProfileResult, SiltaBenchApi } from './api.ts';

/** The floor's database: the notes table with the indexes the app's notes table has (database.ts, version 2). */
class FloorDb extends Dexie {
  notes!: EntityTable<RecordRow, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ notes: '&id, clientId, [clientId+occurredAt]' });
  }
}

/** The fields of a pulled record the floor reads; nothing is validated, as a bare download would not. */
interface PulledRecord {
  type: RecordRow['type'];
  id: string;
  data: RecordRow['data'];
  stamps: RecordRow['stamps'];
  deleted: RecordRow['deleted'];
}
interface PulledPage {
  records: PulledRecord[];
  cursor: number;
  more: boolean;
}

const transport = httpTransport();
const open = new Map<string, SiltaDb>();

function deviceDb(name: string): SiltaDb {
  let db = open.get(name);
  if (db === undefined) {
    db = new SiltaDb(name);
    open.set(name, db);
  }
  return db;
}

async function siltaFirstSync({ dbName, lastId }: FirstSyncArgs): Promise<FirstSyncResult> {
  const t0 = performance.now();
  const db = new SiltaDb(dbName);
  await pullChanges(db, transport);
  const ms = performance.now() - t0;
  const stored = await db.notes.count();
  const lastStored = (await db.notes.get(lastId)) !== undefined;
  db.close();
  return { ms, stored, lastStored };
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
    const res = await fetch(`/api/sync/pull?v=1&cursor=${cursor}&limit=${PULL_PAGE_SIZE}`, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) throw new Error(`pull failed: ${res.status}`);
    const page = (await res.json()) as PulledPage;
    pages += 1;
    for (const r of page.records) records.push(r);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const t1 = performance.now();
  const rows: RecordRow[] = records.map((r) => {
    const row: RecordRow = { type: r.type, id: r.id, data: r.data, stamps: r.stamps, deleted: r.deleted };
    const clientId = r.data['clientId'];
    const occurredAt = r.data['occurredAt'];
    if (typeof clientId === 'string') row.clientId = clientId;
    if (typeof occurredAt === 'string') row.occurredAt = occurredAt;
    return row;
  });
  await db.notes.bulkPut(rows);
  const t2 = performance.now();
  const stored = await db.notes.count();
  const lastStored = (await db.notes.get(lastId)) !== undefined;
  db.close();
  return { ms: t2 - t0, downloadMs: t1 - t0, writeMs: t2 - t1, pages, stored, lastStored };
}

async function siltaProfile(dbName: string): Promise<ProfileResult> {
  const t0 = performance.now();
  const db = new SiltaDb(dbName);
  let fetchMs = 0;
  let jsonParseMs = 0;
  let validateMs = 0;
  let applyMs = 0;
  let pages = 0;
  let cursor = 0;
  let contentEncoding = '';
  for (; pages < 10_000; ) {
    const a = performance.now();
    const res = await fetch(`/api/sync/pull?v=1&cursor=${cursor}&limit=${PULL_PAGE_SIZE}`, { credentials: 'same-origin', cache: 'no-store' });
    const text = await res.text();
    contentEncoding = res.headers.get('content-encoding') ?? 'identity';
    const b = performance.now();
    const body: unknown = JSON.parse(text);
    const c = performance.now();
    const parsed = pullResponse.safeParse(body);
    const d = performance.now();
    if (!parsed.success) throw new Error('invalid page');
    await applyServerRecords(db, parsed.data.records, parsed.data.cursor);
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
  const db = deviceDb(dbName);
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
  const db = deviceDb(dbName);
  const sent = await pushChanges(db, transport);
  return { sent, queuedAfter: await countUnsynced(db) };
}

function pullAll(dbName: string): Promise<number> {
  return pullChanges(deviceDb(dbName), transport);
}

async function incremental({ deviceA, deviceB, recordId, phone }: IncrementalArgs): Promise<IncrementalResult> {
  const a = deviceDb(deviceA);
  const b = deviceDb(deviceB);
  await updateClient(a, recordId, { phone });
  const t0 = performance.now();
  await pushChanges(a, transport);
  const t1 = performance.now();
  await pullChanges(b, transport);
  const t2 = performance.now();
  const row = await b.clients.get(recordId);
  return { pushMs: t1 - t0, pullMs: t2 - t1, arrived: row?.data['phone'] === phone };
}

const api: SiltaBenchApi = { siltaFirstSync, floorFirstSync, siltaProfile, deleteDb, queueNotes, push, pullAll, incremental };
window.siltaBench = api;
document.body.dataset['ready'] = 'true';
