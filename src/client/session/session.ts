/**
 * The device's sign-in life: sign in online, choose a PIN, lock and unlock offline, sign out, and be wiped when an
 * administrator revokes the device. Screens call these functions; the phase they leave the device in is in
 * state/sessionState.ts, and the data key itself only in security/keyHolder.ts.
 *
 * A password sign-in always ends with choosing a PIN: on a new device it sets up the vault, on a known one it
 * opens the data key with the recovery key and replaces the PIN (the way back after a forgotten PIN or five
 * wrong ones). A sign-in while the app is open (the server session ended) only renews the session.
 */
import type { AccountSummary, SignInResponse } from '#shared/schema/auth.ts';
import { isSignedOut, markSignedOut, readAccount, saveAccount } from '../db/accountMeta.ts';
import { attachDataKey, detachDataKey } from '../db/attachDataKey.ts';
import { countUnsynced } from '../db/changeLog.ts';
import { deviceId, newDeviceId, startClockAs } from '../db/deviceClock.ts';
import { appDb } from '../db/index.ts';
import { wipeDevice } from '../db/wipeDevice.ts';
import { closeWhenReplaced, sayWhenKeptWaiting } from '../db/versionChange.ts';
import { ApiError } from '../platform/apiRequest.ts';
import { heldKey } from '../security/keyHolder.ts';
import { deviceVault, type Vault } from '../security/vault.ts';
import { useSessionState, type SessionNotice } from '../state/sessionState.ts';
import { useDatabaseState } from '../state/databaseState.ts';
import { startAppSync, stopAppSync, syncNow } from '../sync/appSync.ts';
import { httpAuthApi, type AuthApi } from './authApi.ts';

const api: AuthApi = httpAuthApi();
const db = appDb();
const vault: Vault = deviceVault(db);

/** What an online sign-in handed out, kept in memory only until the PIN is chosen. */
let pending: SignInResponse | null = null;
/** The account whose open app is signing in again only to renew its server session (see signInAgain). */
let resumeAfterSignIn: string | null = null;

function enter(phase: 'signedOut' | 'choosePin' | 'locked' | 'unlocked', account: AccountSummary | null, notice: SessionNotice | null = null) {
  // Records are sealed under the data key: the data layer holds it exactly while the app is unlocked, and gets it
  // before any data screen renders. A failed first-unlock pass over old plain rows is retried at the next unlock.
  const dk = phase === 'unlocked' && account !== null ? heldKey(account.id) : null;
  if (dk === null) detachDataKey(db);
  else attachDataKey(db, dk).catch(() => undefined);
  useSessionState.setState({ phase, account, notice });
  if (phase === 'unlocked') startAppSync(onDeviceRevoked);
  else stopAppSync();
}

/**
 * Another tab took the device's database to a newer version of the app or deleted it, or the browser took it away
 * (site data cleared). Once this tab has written what it owed and let go of the database, it forgets the data key,
 * stops syncing and asks to be reloaded.
 */
export function stopWhenDatabaseReplaced(): void {
  closeWhenReplaced(db, (by) => {
    vault.lock();
    detachDataKey(db);
    stopAppSync();
    useDatabaseState.setState({ replacedBy: by });
  });
}

/** Tells `onKeptWaiting` when another tab keeps this one from opening the device's database for too long. */
export function sayWhenDatabaseKeptWaiting(onKeptWaiting: () => void): void {
  sayWhenKeptWaiting(db, onKeptWaiting);
}

/** Decides the first screen from what the device holds; needs no network. */
export async function startSession(): Promise<void> {
  const account = await readAccount(db);
  const status = await vault.status();
  if (status === 'none' || account === null) enter('signedOut', account);
  else if (await isSignedOut(db)) enter('signedOut', account);
  else if (status === 'lockedOut') enter('signedOut', account, 'pinLockedOut');
  else enter('locked', account);
}

function deviceName(): string {
  return navigator.userAgent.slice(0, 100);
}

export async function signIn(username: string, password: string): Promise<void> {
  const known = await readAccount(db);
  const takeover = known !== null && known.username !== username;
  // Another person's unsynced work must not be lost, and their data must not stay readable to the new owner.
  if (takeover && (await countUnsynced(db)) > 0) throw new ApiError('deviceInUse');
  // A device is registered to one account, so a new owner signs in as a new device; the old one is wiped only
  // once the password has proved right.
  const id = takeover ? newDeviceId() : await deviceId(db);
  const answer = await api.signIn({ username, password, deviceId: id, deviceName: deviceName() });
  if (takeover) {
    await vault.wipe();
    await wipeDevice(db);
    await startClockAs(db, id);
    leavePreviousPage();
  }
  await saveAccount(db, answer.account);
  const renewing = resumeAfterSignIn === answer.account.id;
  resumeAfterSignIn = null;
  if (renewing && heldKey(answer.account.id) !== null) {
    enter('unlocked', answer.account);
    void syncNow();
    return;
  }
  vault.lock();
  pending = answer;
  enter('choosePin', answer.account);
}

export async function choosePin(pin: string): Promise<void> {
  if (pending === null) {
    enter('signedOut', await readAccount(db));
    return;
  }
  const { account, device } = pending;
  if ((await vault.status()) === 'none') await vault.setUp(pin, device.secret, device.recoveryKey, account.id);
  else await vault.recover(device.recoveryKey, pin);
  pending = null;
  enter('unlocked', account);
}

export type UnlockOutcome = { kind: 'unlocked' } | { kind: 'wrongPin'; attemptsLeft: number } | { kind: 'lockedOut' };

/** Named in the performance timeline when a PIN has opened the data key. */
export const KEY_READY_MARK = 'silta:key-ready';

export async function unlock(pin: string): Promise<UnlockOutcome> {
  const account = await readAccount(db);
  const result = await vault.unlockWithPin(pin);
  if (result.outcome === 'ok') {
    // A User Timing mark where the PIN's key derivation ends and the app's own work begins: the benchmark (P3) and
    // a browser's performance panel tell the two apart by it.
    performance.mark(KEY_READY_MARK);
    // The list opens (from its sealed snapshot) before the screen changes, with the unlock's progress still shown:
    // it then appears once, filled, rather than as a loading screen whose rendering, and the sync that starts with
    // it, hold up the opening. A failure is the list's to show, once unlocked.
    const dk = account === null ? null : heldKey(account.id);
    if (dk !== null) await attachDataKey(db, dk).catch(() => undefined);
    enter('unlocked', account);
    return { kind: 'unlocked' };
  }
  if (result.outcome === 'lockedOut') {
    enter('signedOut', account, 'pinLockedOut');
    return { kind: 'lockedOut' };
  }
  return { kind: 'wrongPin', attemptsLeft: result.attemptsLeft };
}

export function lock(): void {
  const { phase, account } = useSessionState.getState();
  if (phase !== 'unlocked') return;
  vault.lock();
  enter('locked', account);
}

/**
 * The server session ended while the app was open (sync answered signInRequired): sign in again to sync. The
 * data key stays in memory meanwhile, so the right password goes straight back to the open app, no new PIN.
 */
export function signInAgain(): void {
  const { account } = useSessionState.getState();
  resumeAfterSignIn = account?.id ?? null;
  enter('signedOut', account, 'sessionEnded');
}

/** From the unlock screen: use the password instead of the PIN (for a forgotten PIN). */
export function goToSignIn(): void {
  vault.lock();
  enter('signedOut', useSessionState.getState().account);
}

export async function signOut(): Promise<void> {
  const { account } = useSessionState.getState();
  vault.lock();
  await markSignedOut(db);
  enter('signedOut', account, 'signedOut');
  // Offline, the server session simply runs out; the device is closed either way.
  await api.signOut().catch(() => undefined);
}

/** The address may name a record of the data just wiped: start the new owner at the front page. */
function leavePreviousPage(): void {
  history.replaceState(null, '', '/');
}

async function onDeviceRevoked(): Promise<void> {
  await vault.wipe();
  await wipeDevice(db);
  leavePreviousPage();
  enter('signedOut', null, 'deviceRevoked');
}
