/**
 * PouchDB's side, bundled into one classic script that the driver injects into a page on pouchdb-server's own
 * origin, so replication runs same-origin (no CORS preflights) as a PouchDB deployment behind one host would.
 * Replication uses PouchDB's defaults (batch_size 100, batches_limit 10) and its default browser adapter (idb).
 */
import PouchDB from 'pouchdb-browser';
import type { PouchBenchApi, PouchFirstSyncArgs, PouchFirstSyncResult, PouchIncrementalArgs, PouchIncrementalResult } from './api.ts';

performance.setResourceTimingBufferSize(1_000_000);
const open = new Map<string, PouchDB>();

function local(name: string): PouchDB {
  let db = open.get(name);
  if (db === undefined) {
    db = new PouchDB(name);
    open.set(name, db);
  }
  return db;
}

const requestsSince = () => performance.getEntriesByType('resource').length;

async function has(db: PouchDB, id: string): Promise<boolean> {
  try {
    await db.get(id);
    return true;
  } catch {
    return false;
  }
}

async function firstSync({ remote, dbName, lastId }: PouchFirstSyncArgs): Promise<PouchFirstSyncResult> {
  performance.clearResourceTimings();
  const t0 = performance.now();
  const db = new PouchDB(dbName);
  await db.replicate.from(remote);
  const ms = performance.now() - t0;
  const requests = requestsSince();
  const stored = (await db.info()).doc_count;
  const lastStored = await has(db, lastId);
  await db.close();
  return { ms, stored, lastStored, requests };
}

async function destroy(dbName: string): Promise<void> {
  const db = open.get(dbName) ?? new PouchDB(dbName);
  open.delete(dbName);
  await db.destroy();
}

async function pullAll(remote: string, dbName: string): Promise<number> {
  const result = await local(dbName).replicate.from(remote);
  return result.docs_written;
}

async function incremental({ remote, deviceA, deviceB, recordId, phone }: PouchIncrementalArgs): Promise<PouchIncrementalResult> {
  const a = local(deviceA);
  const b = local(deviceB);
  const doc = await a.get(recordId);
  await a.put({ ...doc, phone });
  performance.clearResourceTimings();
  const t0 = performance.now();
  await a.replicate.to(remote);
  const t1 = performance.now();
  await b.replicate.from(remote);
  const t2 = performance.now();
  const requests = requestsSince();
  const arrived = (await b.get(recordId))['phone'] === phone;
  return { pushMs: t1 - t0, pullMs: t2 - t1, arrived, requests };
}

const api: PouchBenchApi = { firstSync, destroy, pullAll, incremental };
window.pouchBench = api;
