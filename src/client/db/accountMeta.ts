/**
 * Who this device belongs to, kept on the device so the unlock screen can greet them offline, and whether they
 * signed out (then the next start asks for the password, not the PIN). Staff data only: no client content.
 */
import { accountSummary, type AccountSummary } from '#shared/schema/auth.ts';
import type { SiltaDb } from './database.ts';

const ACCOUNT_KEY = 'account';
const SIGNED_OUT_KEY = 'signedOut';

export async function readAccount(db: SiltaDb): Promise<AccountSummary | null> {
  const parsed = accountSummary.safeParse((await db.meta.get(ACCOUNT_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export async function saveAccount(db: SiltaDb, account: AccountSummary): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: ACCOUNT_KEY, value: account });
    await db.meta.delete(SIGNED_OUT_KEY);
  });
}

export async function markSignedOut(db: SiltaDb): Promise<void> {
  await db.meta.put({ key: SIGNED_OUT_KEY, value: true });
}

export async function isSignedOut(db: SiltaDb): Promise<boolean> {
  return (await db.meta.get(SIGNED_OUT_KEY))?.value === true;
}
