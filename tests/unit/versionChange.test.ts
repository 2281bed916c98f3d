import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { forceCloseDatabase } from 'fake-indexeddb';
import { SiltaDb } from '#client/db/database.ts';
import { beforeClose, closeWhenReplaced, sayWhenKeptWaiting, type Replacement } from '#client/db/versionChange.ts';
import { attachDataKey } from '#client/db/attachDataKey.ts';
import { loadDraft, saveDraft } from '#client/db/draftsRepo.ts';
import { testDataKey } from '../fixtures/dataKey.ts';

let n = 0;
const freshName = () => `versionchange-${++n}`;

/** Opens the database at a higher version than the app declares, as a newer version of the app in another tab would. */
function upgradeElsewhere(name: string, version: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => {
      const names = [...request.result.objectStoreNames];
      request.result.close();
      resolve(names);
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

function deleteElsewhere(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('delete failed'));
  });
}

async function openApp(name: string) {
  const db = new SiltaDb(name);
  const closed: Replacement[] = [];
  closeWhenReplaced(db, (by) => closed.push(by), 200);
  await db.open();
  return { db, closed };
}

describe('a tab whose database another tab upgrades or deletes', () => {
  it('makes the writes it owes first, then closes for good and says the database was upgraded', async () => {
    const name = freshName();
    const { db, closed } = await openApp(name);
    beforeClose(db, () => db.meta.put({ key: 'typed', value: 'the last words' }));

    await upgradeElsewhere(name, db.verno * 10 + 10);

    expect(closed).toEqual(['upgraded']);
    expect(db.isOpen()).toBe(false);
    // Closed for good: the old code's next write fails instead of opening the newer schema again.
    await expect(db.meta.put({ key: 'after', value: 1 })).rejects.toThrow(Dexie.DatabaseClosedError);
    const reopened = new Dexie(name);
    await reopened.open();
    expect(await reopened.table('meta').get('typed')).toEqual({ key: 'typed', value: 'the last words' });
    expect(await reopened.table('meta').get('after')).toBeUndefined();
    reopened.close();
  });

  it('writes a draft still being sealed before it lets go', async () => {
    const name = freshName();
    const { db } = await openApp(name);
    const dk = await testDataKey();
    await attachDataKey(db, dk);
    const saving = saveDraft(db, 'note:new', { text: 'typed just before the update' });
    await upgradeElsewhere(name, db.verno * 10 + 10);
    await saving;
    const after = new SiltaDb(name);
    await attachDataKey(after, dk);
    expect(await loadDraft(after, 'note:new')).toEqual({ text: 'typed just before the update' });
    after.close();
  });

  it('says the database was deleted when it was', async () => {
    const name = freshName();
    const { db, closed } = await openApp(name);
    await deleteElsewhere(name);
    expect(closed).toEqual(['deleted']);
    expect(db.isOpen()).toBe(false);
  });

  it('stays closed when the browser closes it (site data cleared), rather than opening an empty database', async () => {
    const name = freshName();
    const { db, closed } = await openApp(name);
    // fake-indexeddb's typing asks for the connection's class; its code (and its documentation) take the connection.
    forceCloseDatabase(db.backendDB() as unknown as Parameters<typeof forceCloseDatabase>[0]);
    await expect.poll(() => closed).toEqual(['deleted']);
    await expect(db.meta.put({ key: 'after', value: 1 })).rejects.toThrow(Dexie.DatabaseClosedError);
  });

  it('does not keep the other tab waiting for a write that never settles', async () => {
    const name = freshName();
    const { db, closed } = await openApp(name);
    beforeClose(db, () => new Promise(() => undefined));
    const stores = await upgradeElsewhere(name, db.verno * 10 + 10);
    expect(stores).toContain('clients');
    expect(closed).toEqual(['upgraded']);
  });

  it('runs only the tasks still registered, and the others even when one fails', async () => {
    const name = freshName();
    const { db } = await openApp(name);
    const ran: string[] = [];
    const task = (name: string) => () => {
      ran.push(name);
      return Promise.resolve();
    };
    const withdraw = beforeClose(db, task('withdrawn'));
    beforeClose(db, () => Promise.reject(new Error('sealing failed')));
    beforeClose(db, task('kept'));
    withdraw();
    await upgradeElsewhere(name, db.verno * 10 + 10);
    expect(ran).toEqual(['kept']);
  });
});

/** This tab's database at the next schema version, as a newer version of the app declares it. */
function newerApp(name: string, version: number) {
  const db = new Dexie(name);
  db.version(version + 1).stores({ meta: '&key' });
  const said: string[] = [];
  sayWhenKeptWaiting(db, () => said.push('kept waiting'), 100);
  return { db, said };
}

describe('a tab that must upgrade the database while another tab holds it', () => {
  it('says so when the other tab does not let go, and opens once it does', async () => {
    const name = freshName();
    const frozen = new SiltaDb(name);
    // A tab whose script does not run never answers the request to let go.
    frozen.on('versionchange', () => false);
    await frozen.open();
    const { db, said } = newerApp(name, frozen.verno);

    const opening = db.open();
    await expect.poll(() => said).toEqual(['kept waiting']);
    expect(db.isOpen()).toBe(false);
    frozen.close();
    await opening;
    expect(db.isOpen()).toBe(true);
    db.close();
  });

  it('says nothing when the other tab lets go by itself', async () => {
    const name = freshName();
    const { db: running } = await openApp(name);
    // Its last write takes a moment, well within the time before this tab says anything.
    beforeClose(running, () => new Promise((resolve) => setTimeout(resolve, 30)));
    const { db, said } = newerApp(name, running.verno);
    let blocked = 0;
    db.on('blocked', () => blocked++);
    await db.open();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Kept waiting, but only for the moment the running tab takes to let go.
    expect(blocked).toBe(1);
    expect(said).toEqual([]);
    db.close();
  });
});
