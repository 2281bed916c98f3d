/**
 * Who is acting. Every request that reaches a service has an `AccountActor`, built from its session by
 * routes/identity.ts; `systemActor` is for the server's own jobs (the demo seed, the admin CLI) and is never
 * the result of a request.
 */
import type { Role } from '#shared/schema/auth.ts';
import type { Municipality } from '#shared/schema/common.ts';

export interface AccountActor {
  readonly kind: 'account';
  readonly accountId: string;
  readonly role: Role;
  /** The municipalities a counsellor serves, or the one a member of staff or a coordinator belongs to. */
  readonly municipalities: readonly Municipality[];
  /** For the `client` role: the client record this account is. */
  readonly clientId: string | null;
  /** The registered device the session was opened on. */
  readonly deviceId: string;
  readonly sessionId: string;
}

export interface SystemActor {
  readonly kind: 'system';
}

export type Actor = AccountActor | SystemActor;

export const systemActor: SystemActor = { kind: 'system' };
