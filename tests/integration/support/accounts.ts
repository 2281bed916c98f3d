/** The account integration tests sign in with, made straight in a store (no server needed). */
import type { CreateAccountRequest } from '#shared/schema/admin.ts';
import { createAccount } from '#server/services/accounts.ts';
import { systemActor } from '#server/services/actor.ts';
import type { Account } from '#server/store/accountStore.ts';
import type { Store } from '#server/store/types.ts';
import type { TestDatabase } from './stores.ts';

/** A counsellor serving both municipalities: may read and write every record the sync suites make. */
export const TEST_ACCOUNT = {
  username: 'counsellor',
  displayName: 'Test Counsellor',
  role: 'counsellor',
  municipalities: ['kyrkslatt', 'sjundea'],
  clientId: null,
  password: 'correct horse battery staple',
} as const satisfies CreateAccountRequest;

export async function createTestAccount(store: Store, overrides: Partial<CreateAccountRequest> = {}): Promise<Account> {
  const outcome = await createAccount(
    store,
    { ...TEST_ACCOUNT, municipalities: [...TEST_ACCOUNT.municipalities], ...overrides },
    { actor: systemActor, now: new Date() },
  );
  if (!outcome.ok) throw new Error(`test account refused: ${outcome.code} ${JSON.stringify(outcome.fields)}`);
  return outcome.account;
}

/** Creates the test account in a database a server process will open (migrating it first). */
export async function createTestAccountIn(db: TestDatabase, overrides: Partial<CreateAccountRequest> = {}): Promise<Account> {
  const store = await db.openStore();
  try {
    await store.migrate();
    return await createTestAccount(store, overrides);
  } finally {
    await store.close();
  }
}
