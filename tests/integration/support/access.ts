/**
 * Helpers for the access and audit suites: actors built directly (no sign-in needed to test the services), a
 * client with a note and a conflict seeded as the system, and pulls and pushes as a given actor.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { applyPush } from '#server/services/applyPush.ts';
import { computePull } from '#server/services/computePull.ts';
import { systemActor, type AccountActor, type Actor } from '#server/services/actor.ts';
import type { Store } from '#server/store/types.ts';
import type { Role } from '#shared/schema/auth.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { PROTOCOL_VERSION, type ChangeEntry, type PushResult, type WireRecord } from '#shared/schema/sync.ts';
import { clientData, noteData, TestDevice } from '../../fixtures/serverEntries.ts';
import type { TestDatabase } from './stores.ts';

let wall = 1_750_000_000_000;

/** A device whose clock starts well after every earlier one's, so its edits are the newest (fewer than 1,000 each). */
export function newDevice(): TestDevice {
  wall += 1_000_000;
  return new TestDevice(randomBytes(8).toString('hex'), wall);
}

export function accountActor(role: Role, overrides: Partial<Omit<AccountActor, 'kind' | 'role'>> = {}): AccountActor {
  return {
    kind: 'account',
    role,
    accountId: randomUUID(),
    municipalities: ['kyrkslatt'],
    clientId: null,
    deviceId: randomBytes(8).toString('hex'),
    sessionId: randomUUID(),
    ...overrides,
  };
}

/** A member of municipal staff with a real account row, as the assignment service requires. */
export async function staffAccount(store: Store, municipality: Municipality = 'kyrkslatt'): Promise<AccountActor> {
  const actor = accountActor('municipalStaff', { municipalities: [municipality] });
  await store.accounts.insertAccount({
    id: actor.accountId,
    username: `staff-${actor.accountId}`,
    displayName: 'Staff Member',
    role: 'municipalStaff',
    municipalities: [municipality],
    clientId: null,
    passwordHash: 'not-used-by-these-tests',
    failedSignIns: 0,
    lockedUntil: null,
    disabledAt: null,
    createdAt: new Date(),
  });
  return actor;
}

export interface ClientFixture {
  readonly clientId: string;
  readonly noteId: string;
  readonly conflictId: string;
  readonly municipality: Municipality;
}

/** A client of `municipality` with one note and one open conflict, written by the system as devices would. */
export async function seedClient(store: Store, db: TestDatabase, municipality: Municipality, lastName = 'Tamm'): Promise<ClientFixture> {
  const a = newDevice();
  const b = newDevice();
  const client = a.insert('client', clientData({ homeMunicipality: municipality, lastName }));
  const note = a.insert('note', noteData(client.recordId));
  const editA = a.set('client', client.recordId, { email: 'a@example.com' }, { email: client.hlc });
  const editB = b.set('client', client.recordId, { email: 'b@example.com' }, { email: client.hlc });
  const { results } = await applyPush(store, systemActor, a.push([client, note, editA, editB]));
  if (results.some((r) => r.status !== 'applied')) throw new Error(`seeding failed: ${JSON.stringify(results)}`);
  const [conflict] = await db.sql(`SELECT id FROM records WHERE type = 'conflict' AND client_id = '${client.recordId}'`);
  if (typeof conflict?.['id'] !== 'string') throw new Error('seeding made no conflict');
  return { clientId: client.recordId, noteId: note.recordId, conflictId: conflict['id'], municipality };
}

export async function assign(store: Store, clientId: string, accountId: string): Promise<void> {
  await store.write((tx) => tx.addAssignment({ clientId, accountId, assignedBy: 'system', assignedAt: new Date().toISOString() }));
}

export async function pushAs(store: Store, actor: Actor, entries: readonly ChangeEntry[], deviceId = newDevice().deviceId): Promise<PushResult[]> {
  return (await applyPush(store, actor, { v: PROTOCOL_VERSION, deviceId, entries: [...entries] })).results;
}

/** Every record the actor pulls after `cursor`, page by page; also the cursor to continue from. */
export async function pullAllAs(store: Store, actor: Actor, cursor = 0, limit = 1000): Promise<{ records: WireRecord[]; cursor: number }> {
  const records: WireRecord[] = [];
  for (let next = cursor; ; ) {
    const page = await computePull(store, actor, { v: PROTOCOL_VERSION, cursor: next, limit, count: false });
    records.push(...page.records);
    next = page.cursor;
    if (!page.more) return { records, cursor: next };
  }
}
