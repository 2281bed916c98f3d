/**
 * Encryption at rest in the data layer (src/client/db/attachDataKey.ts): nothing personal is stored in plain
 * text, a row opens only with its key and in its own place, nothing is readable while locked, and the cache of
 * decrypted records follows every change of the rows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveQuery } from 'dexie';
import { uuidv7 } from 'uuidv7';
import type { WireRecord } from '#shared/schema/sync.ts';
import { SiltaDb } from '#client/db/database.ts';
import { attachDataKey, detachDataKey } from '#client/db/attachDataKey.ts';
import { applyServerRecords, readCursor } from '#client/db/applyServerRecords.ts';
import { createClient, getClient, listClients, updateClient } from '#client/db/clientsRepo.ts';
import { addNote, listNoteVersions } from '#client/db/notesRepo.ts';
import { listOpenConflicts } from '#client/db/conflictsRepo.ts';
import { countUnsynced, oldestUnsynced } from '#client/db/changeLog.ts';
import { discardDraft, loadDraft, saveDraft } from '#client/db/draftsRepo.ts';
import { listRejections, recordRejections } from '#client/db/rejectionsRepo.ts';
import { wipeDevice } from '#client/db/wipeDevice.ts';
import { cipherOf, DataLockedError, seal, unseal } from '#client/db/recordCipher.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { testDataKey, unlockedDb } from '../fixtures/dataKey.ts';
import { storesText } from '../fixtures/storedBytes.ts';

const open: SiltaDb[] = [];
async function device(dk?: CryptoKey, name = `enc-${Math.random()}`): Promise<SiltaDb> {
  const db = await unlockedDb(name, dk);
  open.push(db);
  return db;
}
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((db) => db.delete()));
});

/** A stamp `n` ms after now: newer than anything the test device has written. */
const HLC = (n: number) => `${String(Date.now() + n).padStart(15, '0')}-00000-${'b'.repeat(16)}`;

function wireClient(id: string, lastName: string, stamp: number, seq: number): WireRecord {
  const data = makeClient({ lastName });
  const stamps = Object.fromEntries(Object.keys(data).map((field) => [field, HLC(stamp)]));
  return { type: 'client', id, data, stamps, deleted: null, seq };
}

describe('records at rest', () => {
  it('stores no plain text of any record, change, conflict, draft or rejection', async () => {
    const db = await device();
    const canary = {
      name: 'Canaryname-Qx7',
      phone: '+358 40 999 7311',
      born: '1971-07-31',
      note: 'Canarynote-Zr4 talked about housing',
      conflict: 'Canaryloser-Wm2',
      draft: 'Canarydraft-Hk9',
      rejected: 'Canaryrejected-Pb5',
    };
    const clientId = await createClient(db, makeClient({ lastName: canary.name, phone: canary.phone, dateOfBirth: canary.born }));
    await addNote(db, clientId, makeNote({ text: canary.note }));
    const conflict: WireRecord = {
      type: 'conflict', id: uuidv7(), deleted: null, seq: 1, stamps: { resolution: HLC(1) },
      data: { recordType: 'client', recordId: clientId, clientId, field: 'phone', loserValue: canary.conflict, loserHlc: HLC(1), winnerHlc: HLC(2), resolution: 'open' },
    };
    await applyServerRecords(db, [conflict], 1);
    await saveDraft(db, `client-edit:${clientId}`, { lastName: canary.draft });
    const refused = { op: 'set' as const, id: uuidv7(), recordType: 'client' as const, recordId: clientId, data: { lastName: canary.rejected }, base: {}, hlc: HLC(3) };
    await db.transaction('rw', [db.changes, db.rejections], () => recordRejections(db, [refused], [{ id: refused.id, status: 'rejected', code: 'recordDeleted' }]));

    for (const text of Object.values(canary)) expect(await storesText(db, text), text).toBe(false);
    // The records are all there, and all readable with the key.
    expect((await getClient(db, clientId))?.fields).toMatchObject({ lastName: canary.name, phone: canary.phone, dateOfBirth: canary.born });
    expect((await listNoteVersions(db, clientId)).map((n) => n.fields.text)).toEqual([canary.note]);
    expect((await listOpenConflicts(db, clientId)).map((c) => c.fields.loserValue)).toEqual([canary.conflict]);
    expect(await loadDraft(db, `client-edit:${clientId}`)).toEqual({ lastName: canary.draft });
    expect((await listRejections(db)).map((r) => r.entry)).toEqual([refused]);
    expect(await oldestUnsynced(db, 10)).toHaveLength(2);
    // What stays plain is what the indexes need: ids and the owning client's id.
    const notes = await db.notes.toArray();
    expect(notes.map((row) => Object.keys(row).sort())).toEqual([['clientId', 'id', 'sealed']]);
    expect(notes[0]?.clientId).toBe(clientId);
  });

  it('opens a row only with its own key', async () => {
    const db = await device();
    const id = await createClient(db, makeClient());
    detachDataKey(db);
    await attachDataKey(db, await testDataKey()).catch(() => undefined);
    await expect(getClient(db, id)).rejects.toThrow(DOMException);
    await expect(listClients(db)).rejects.toThrow(DOMException);
    await expect(oldestUnsynced(db, 1)).rejects.toThrow(DOMException);
  });

  it('refuses a ciphertext moved onto another record or into another table', async () => {
    const db = await device();
    const a = await createClient(db, makeClient({ lastName: 'Aalto' }));
    const b = await createClient(db, makeClient({ lastName: 'Berg' }));
    const noteId = await addNote(db, a, makeNote());
    const rowA = await db.clients.get(a);
    const rowB = await db.clients.get(b);
    if (!rowA || !('sealed' in rowA) || !rowB || !('sealed' in rowB)) throw new Error('rows missing');
    await db.clients.put({ ...rowB, sealed: rowA.sealed });
    await expect(getClient(db, b)).rejects.toThrow(DOMException);
    await db.clients.put({ id: noteId, sealed: rowA.sealed });
    await expect(getClient(db, noteId)).rejects.toThrow(DOMException);
    expect((await getClient(db, a))?.fields.lastName).toBe('Aalto');
  });

  it('seals stamps packed, and still opens a row sealed with every stamp listed', async () => {
    const dk = await testDataKey();
    const name = `enc-${Math.random()}`;
    const db = await device(dk, name);
    const id = await createClient(db, makeClient({ lastName: 'Packed' }));
    const packedId = await createClient(db, makeClient({ lastName: 'Packed too' }));
    const row = await db.clients.get(id);
    if (!row || !('sealed' in row)) throw new Error('row missing');
    const { stamps } = (await getClient(db, id)) ?? { stamps: {} };
    const stamp = Object.values(stamps)[0];
    expect(await unseal(cipherOf(db), 'clients', id, row.sealed)).toMatchObject({ stamp, stamps: {} });

    // A row as this app sealed it before: read in another tab, with nothing of it decrypted there yet.
    const listed = await seal(cipherOf(db), 'clients', id, { data: (await getClient(db, id))?.fields, stamps, deleted: null });
    await db.clients.put({ id, sealed: listed });
    const otherTab = await device(dk, name);
    const reread = await getClient(otherTab, id);
    expect(reread?.fields.lastName).toBe('Packed');
    expect(reread?.stamps).toEqual(stamps);
    expect(await getClient(otherTab, packedId)).toEqual(await getClient(db, packedId));
    expect(Object.keys((await getClient(otherTab, packedId))?.stamps ?? {})).toEqual(Object.keys(stamps));
  });

  it('reads and writes nothing while locked, and says why', async () => {
    const db = await device();
    const clientId = await createClient(db, makeClient());
    detachDataKey(db);
    const attempts: Promise<unknown>[] = [
      listClients(db),
      getClient(db, clientId),
      createClient(db, makeClient()),
      updateClient(db, clientId, { lastName: 'Locked' }),
      addNote(db, clientId, makeNote()),
      listNoteVersions(db, clientId),
      listOpenConflicts(db, clientId),
      oldestUnsynced(db, 10),
      loadDraft(db, 'client-new'),
      saveDraft(db, 'client-new', { lastName: 'x' }),
      listRejections(db),
      applyServerRecords(db, [wireClient(clientId, 'Pulled', 9, 1)], 1),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toThrow(/locked: unlock the app/);
    await expect(listClients(db)).rejects.toBeInstanceOf(DataLockedError);
    // Counting the queue reads no content, and a takeover asks it before anyone has unlocked.
    expect(await countUnsynced(db)).toBe(1);
  });

  it('forgets the key and the decrypted records when the device is wiped', async () => {
    const db = await device();
    await createClient(db, makeClient());
    await wipeDevice(db);
    await expect(listClients(db)).rejects.toBeInstanceOf(DataLockedError);
  });

  it('refuses to hold an extractable key', async () => {
    const db = new SiltaDb(`enc-${Math.random()}`);
    open.push(db);
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    await expect(attachDataKey(db, extractable)).rejects.toThrow(/non-extractable/);
  });

  it('keeps a page and its cursor together when a row of the page cannot be opened', async () => {
    const db = await device();
    const a = await createClient(db, makeClient({ lastName: 'Aalto' }));
    const b = await createClient(db, makeClient({ lastName: 'Berg' }));
    const rowA = await db.clients.get(a);
    const rowB = await db.clients.get(b);
    if (!rowA || !('sealed' in rowA) || !rowB || !('sealed' in rowB)) throw new Error('rows missing');
    await db.clients.put({ ...rowB, sealed: rowA.sealed });
    const fresh = uuidv7();
    await expect(applyServerRecords(db, [wireClient(fresh, 'New', 5, 7), wireClient(b, 'Pulled', 5, 8)], 8)).rejects.toThrow();
    expect(await db.clients.get(fresh)).toBeUndefined();
    expect(await readCursor(db)).toBe(0);
  });

  it('never lets a draft save overtake a discard that follows it', async () => {
    const db = await device();
    const saving = saveDraft(db, 'client-new', { lastName: 'Typed' });
    await discardDraft(db, 'client-new');
    await saving;
    expect(await loadDraft(db, 'client-new')).toBeNull();
  });
});

describe('the cache of decrypted records', () => {
  it('decrypts only the rows that changed since the last read, whoever changed them', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push(await createClient(db, makeClient({ lastName: `Client${i}` })));
    // Another tab: the same database and key, its own cache.
    const otherTab = await device(dk, db.name);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');

    expect(await listClients(db)).toHaveLength(20);
    expect(decrypt).not.toHaveBeenCalled();

    await updateClient(otherTab, ids[3]!, { lastName: 'Changed elsewhere' });
    const names = (await listClients(db)).map((c) => c.fields.lastName);
    expect(names).toContain('Changed elsewhere');
    expect(names).not.toContain('Client3');
    expect(decrypt).toHaveBeenCalledTimes(1);

    await applyServerRecords(otherTab, [wireClient(ids[5]!, 'Pulled elsewhere', 9_000_000, 1)], 1);
    expect((await getClient(db, ids[5]!))?.fields.lastName).toBe('Pulled elsewhere');
    expect(decrypt).toHaveBeenCalledTimes(2);
  });

  it('is built at unlock and dropped at lock', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    for (let i = 0; i < 5; i += 1) await createClient(db, makeClient({ lastName: `Client${i}` }));
    detachDataKey(db);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    await attachDataKey(db, dk);
    expect(decrypt).toHaveBeenCalledTimes(5);
    await listClients(db);
    expect(decrypt).toHaveBeenCalledTimes(5);
  });

  it('lets live queries re-run on local writes and pulled pages, also for reads made after a decryption', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    // Writes from another tab are not in this tab's cache, so each run after one really awaits WebCrypto.
    const otherTab = await device(dk, db.name);
    const clientId = await createClient(otherTab, makeClient({ lastName: 'Before' }));
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    // One querier reading two tables with decryption in between, as a screen showing a client and its notes does.
    const results: { names: string[]; notes: string[] }[] = [];
    const errors: unknown[] = [];
    const subscription = liveQuery(async () => {
      const names = (await listClients(db)).map((c) => c.fields.lastName).sort();
      const notes = (await listNoteVersions(db, clientId)).map((n) => n.fields.text);
      return { names, notes };
    }).subscribe({ next: (r) => results.push(r), error: (e: unknown) => errors.push(e) });
    try {
      await vi.waitFor(() => expect(results.at(-1)).toEqual({ names: ['Before'], notes: [] }));
      await updateClient(otherTab, clientId, { lastName: 'Edited' });
      await vi.waitFor(() => expect(results.at(-1)?.names).toEqual(['Edited']));
      const decrypted = decrypt.mock.calls.length;
      expect(decrypted).toBeGreaterThan(0);
      // Only the notes table changes: the run sees it only if its notes read, made after a decryption, was tracked.
      await addNote(otherTab, clientId, makeNote({ text: 'Read after a decryption' }));
      await vi.waitFor(() => expect(results.at(-1)?.notes).toEqual(['Read after a decryption']));
      expect(decrypt.mock.calls.length).toBeGreaterThan(decrypted);
      await updateClient(db, clientId, { lastName: 'Edited here' });
      await vi.waitFor(() => expect(results.at(-1)?.names).toEqual(['Edited here']));
      await applyServerRecords(db, [wireClient(uuidv7(), 'Pulled', 5, 3)], 3);
      await vi.waitFor(() => expect(results.at(-1)?.names).toEqual(['Edited here', 'Pulled']));
      expect(errors).toEqual([]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
