/**
 * A client's notes read and opened once for everyone who shows them, starting before the screen that shows them
 * (db/clientNotes.ts): what the read-ahead hands to the screen, what a write changes, and what is left once nobody
 * shows the notes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clientNotes, readNotesAhead, type ClientNotesSource, type ClientNotesState } from '#client/db/clientNotes.ts';
import { createClient } from '#client/db/clientsRepo.ts';
import { addNote, correctNote, listNoteVersions } from '#client/db/notesRepo.ts';
import { detachDataKey } from '#client/db/attachDataKey.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { openedDevices, testDataKey } from '../fixtures/dataKey.ts';

const devices = openedDevices();
afterEach(() => devices.closeAll());

/** Resolves with the source's state once `ready` holds for it (checked now and after every change). */
function stateWhen(source: ClientNotesSource, ready: (state: ClientNotesState) => boolean): Promise<ClientNotesState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = source.current();
      if (!ready(state)) return;
      unsubscribe();
      resolve(state);
    };
    const unsubscribe = source.subscribe(check);
    check();
  });
}

const texts = (state: ClientNotesState) => (state !== undefined && 'threads' in state ? state.threads.map((t) => t.current.fields.text) : []);

async function clientWithNotes(name: string) {
  const db = await devices.open(`${name}-${Math.random()}`, await testDataKey());
  const clientId = await createClient(db, makeClient());
  await addNote(db, clientId, makeNote({ text: 'first meeting', occurredAt: '2026-03-02T09:00:00.000Z' }));
  await addNote(db, clientId, makeNote({ text: 'latest meeting', occurredAt: '2026-05-04T09:00:00.000Z' }));
  return { db, clientId };
}

const opened = (state: ClientNotesState) => state !== undefined && 'threads' in state;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a client's notes, read ahead and shared", () => {
  it('are read and opened from the moment they are asked for, and the screen gets that same source', async () => {
    const { db, clientId } = await clientWithNotes('ahead');
    readNotesAhead(db, clientId);
    const source = clientNotes(db, clientId);
    // Nobody subscribed yet: the read-ahead alone brought the notes in, newest meeting first.
    await expect.poll(() => texts(source.current())).toEqual(['latest meeting', 'first meeting']);
    expect(clientNotes(db, clientId)).toBe(source);
  });

  it("follow a write to the client's notes: a new note, a correction as the thread's current version", async () => {
    const { db, clientId } = await clientWithNotes('write');
    const source = clientNotes(db, clientId);
    await stateWhen(source, opened);
    const seen = stateWhen(source, (s) => texts(s).length === 3);
    await addNote(db, clientId, makeNote({ text: 'newest meeting', occurredAt: '2026-06-01T09:00:00.000Z' }));
    expect(texts(await seen)).toEqual(['newest meeting', 'latest meeting', 'first meeting']);

    const [first] = await listNoteVersions(db, clientId);
    if (first === undefined) throw new Error('no note');
    const corrected = stateWhen(source, (s) => texts(s).includes('first meeting, corrected'));
    await correctNote(db, first, makeNote({ text: 'first meeting, corrected', occurredAt: first.fields.occurredAt }));
    const state = await corrected;
    expect(texts(state)).toEqual(['newest meeting', 'latest meeting', 'first meeting, corrected']);
    expect(state !== undefined && 'threads' in state ? state.threads.at(-1)?.versions.length : 0).toBe(2);
  });

  it('are forgotten once nobody shows them and the read-ahead has lapsed', async () => {
    const { db, clientId } = await clientWithNotes('forget');
    readNotesAhead(db, clientId, 1_000);
    const source = clientNotes(db, clientId);
    await expect.poll(() => opened(source.current())).toBe(true);
    await expect.poll(() => source.current(), { timeout: 3_000 }).toBeUndefined();
    expect(clientNotes(db, clientId)).not.toBe(source);
  });

  it('stay while a screen shows them after the read-ahead lapses, and go when it stops', async () => {
    const { db, clientId } = await clientWithNotes('screen');
    readNotesAhead(db, clientId, 50);
    const source = clientNotes(db, clientId);
    const stop = source.subscribe(() => undefined);
    await expect.poll(() => opened(source.current())).toBe(true);
    await sleep(100);
    expect(opened(source.current())).toBe(true);
    stop();
    expect(source.current()).toBeUndefined();
  });

  it('are forgotten at once when the app locks, whether read ahead or shown', async () => {
    const { db, clientId } = await clientWithNotes('lock');
    readNotesAhead(db, clientId);
    const held = clientNotes(db, clientId);
    await expect.poll(() => opened(held.current())).toBe(true);
    const otherId = await createClient(db, makeClient());
    await addNote(db, otherId, makeNote({ text: 'another client' }));
    const shown = clientNotes(db, otherId);
    const told: ClientNotesState[] = [];
    const stop = shown.subscribe(() => told.push(shown.current()));
    await expect.poll(() => opened(shown.current())).toBe(true);

    detachDataKey(db);
    expect(held.current()).toBeUndefined();
    expect(shown.current()).toBeUndefined();
    expect(told.at(-1)).toBeUndefined();
    // Nothing read or opened before the lock turns up after it.
    await sleep(100);
    expect(shown.current()).toBeUndefined();
    expect(clientNotes(db, clientId)).not.toBe(held);
    stop();
  });

  it('carry the failure when they cannot be opened: the app was locked', async () => {
    const { db, clientId } = await clientWithNotes('locked');
    detachDataKey(db);
    const state = await stateWhen(clientNotes(db, clientId), (s) => s !== undefined);
    expect(state !== undefined && 'error' in state ? (state.error as Error).name : '').toBe('DataLockedError');
  });
});
