/**
 * Where the person at this device stands: signed out, choosing a PIN, locked, or working. The data key itself is
 * never in here (see security/keyHolder.ts); this is only what the UI needs to pick a screen.
 */
import { create } from 'zustand';
import type { AccountSummary } from '#shared/schema/auth.ts';

export type SessionPhase = 'starting' | 'signedOut' | 'choosePin' | 'locked' | 'unlocked';

/** Why the person was sent back to sign-in; each is a key under `session:notice.`. */
export type SessionNotice = 'pinLockedOut' | 'deviceRevoked' | 'signedOut' | 'sessionEnded';

export interface SessionState {
  readonly phase: SessionPhase;
  /** The account this device belongs to, known offline once someone has signed in here. */
  readonly account: AccountSummary | null;
  readonly notice: SessionNotice | null;
}

export const useSessionState = create<SessionState>(() => ({ phase: 'starting', account: null, notice: null }));
