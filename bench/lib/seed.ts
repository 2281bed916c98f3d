/**
 * Filling the two servers with the same notes. Silta's SQLite store is filled through applyPush in batches of 100,
 * exactly as devices' pushes would fill it (stamps, sequence numbers, applied-change rows and all), so what the
 * benchmark pulls is what the real server serves. pouchdb-server gets the same notes as documents through
 * _bulk_docs.
 */
import type { ChangeEntry } from '#shared/schema/sync.ts';
import { MAX_PUSH_ENTRIES } from '#shared/schema/sync.ts';
import { systemActor } from '#server/services/actor.ts';
import { applyPush } from '#server/services/applyPush.ts';
import type { Store } from '#server/store/types.ts';
import { chunks, type SeedDevice, type SeedNote } from './data.ts';

export async function seedSilta(store: Store, device: SeedDevice, entries: readonly ChangeEntry[]): Promise<void> {
  for (const batch of chunks(entries, MAX_PUSH_ENTRIES)) {
    const { results } = await applyPush(store, systemActor, device.push(batch));
    const refused = results.find((r) => r.status !== 'applied');
    if (refused !== undefined) throw new Error(`seeding: entry ${refused.id} was ${refused.status} (${refused.code ?? ''})`);
  }
}

export function noteInserts(device: SeedDevice, notes: readonly SeedNote[]): ChangeEntry[] {
  return notes.map((n) => device.insert('note', n.id, n.fields));
}

/** The document a PouchDB app would keep for a note: its fields, its id, and its type. */
export function noteDoc(note: SeedNote): Record<string, unknown> {
  return { _id: note.id, type: 'note', ...note.fields };
}

/**
 * One request to pouchdb-server. Seeding SQLite runs synchronously for many seconds without reaching the event
 * loop's I/O phase, so a keep-alive socket the server closed meanwhile (Express: 5 s) is found dead on the next
 * request; such a request never reached the server and is sent again, at most twice.
 */
async function couch(url: string, init: RequestInit = {}, okStatuses: readonly number[] = []): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    await new Promise((r) => setImmediate(r));
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' }, signal: AbortSignal.timeout(120_000) });
    } catch (error) {
      if (attempt >= 3) throw error;
      continue;
    }
    const body: unknown = await res.json();
    if (!res.ok && !okStatuses.includes(res.status)) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
}

export async function createPouchDb(serverUrl: string, name: string): Promise<string> {
  const url = `${serverUrl}/${name}`;
  // 412: it exists already, when a retried creation had in fact arrived.
  await couch(url, { method: 'PUT' }, [412]);
  return url;
}

export async function seedPouch(dbUrl: string, docs: readonly Record<string, unknown>[]): Promise<void> {
  for (const batch of chunks(docs, 1000)) {
    const result = await couch(`${dbUrl}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: batch }) });
    if (!Array.isArray(result)) throw new Error('seeding pouchdb-server: unexpected _bulk_docs answer');
    const failed = result.find((r: unknown) => typeof r === 'object' && r !== null && 'error' in r);
    if (failed !== undefined) throw new Error(`seeding pouchdb-server: ${JSON.stringify(failed)}`);
  }
}

export async function pouchDocCount(dbUrl: string): Promise<number> {
  const info = await couch(dbUrl);
  if (typeof info !== 'object' || info === null || !('doc_count' in info) || typeof info.doc_count !== 'number') {
    throw new Error('pouchdb-server: no doc_count');
  }
  return info.doc_count;
}
