import * as z from 'zod/mini';
import type { FieldErrorCode } from '../errors.ts';
import { accountSummary, newPassword, role, username, type Role } from './auth.ts';
import { municipalities as allMunicipalities, municipality, printable, recordId, requiredText, type Municipality } from './common.ts';
import { deviceId } from './sync.ts';

/**
 * The admin API: accounts and devices. Admins manage who may sign in and from where; nothing here carries client
 * content (a `client` account's `clientId` is only the id of its record).
 */
export const displayName = requiredText(100).check(printable());

const municipalityList = z.array(municipality).check(z.maxLength(allMunicipalities.length, { error: 'invalidValue' }));

/** An account as an admin sees it: who, and whether it can sign in now. */
export const accountDetails = z.extend(accountSummary, {
  disabled: z.boolean(),
  /** Set while too many wrong passwords keep it locked (ISO date-time, UTC). */
  lockedUntil: z.nullable(z.string()),
  createdAt: z.string(),
});
export type AccountDetails = z.output<typeof accountDetails>;

export const accountListResponse = z.object({ accounts: z.array(accountDetails) });
export const accountResponse = z.object({ account: accountDetails });

export const createAccountRequest = z.object({
  username,
  displayName,
  role,
  municipalities: municipalityList,
  clientId: z._default(z.nullable(recordId), null),
  password: newPassword,
});
export type CreateAccountRequest = z.output<typeof createAccountRequest>;

/** Only what is sent changes. Disabling an account also ends every session it has. */
export const updateAccountRequest = z.object({
  displayName: z.optional(displayName),
  role: z.optional(role),
  municipalities: z.optional(municipalityList),
  clientId: z.optional(z.nullable(recordId)),
  disabled: z.optional(z.boolean()),
});
export type UpdateAccountRequest = z.output<typeof updateAccountRequest>;

export const accountIdParams = z.object({ id: recordId });
export const deviceIdParams = z.object({ id: deviceId });

/** A registered device as an admin sees it; its secret and recovery key never leave the sign-in answer. */
export const deviceDetails = z.object({
  id: deviceId,
  accountId: recordId,
  username: z.string(),
  name: z.string(),
  registeredAt: z.string(),
  lastSeenAt: z.string(),
  revokedAt: z.nullable(z.string()),
});
export type DeviceDetails = z.output<typeof deviceDetails>;

export const deviceListResponse = z.object({ devices: z.array(deviceDetails) });
export const deviceResponse = z.object({ device: deviceDetails });

export interface RoleFields {
  readonly role: Role;
  readonly municipalities: readonly Municipality[];
  readonly clientId: string | null;
}

/**
 * What each role needs besides its name: a counsellor serves one municipality or more; staff and coordinators
 * belong to exactly one; a client account is one client record; partners and admins belong to no municipality.
 * Answers the first field that does not fit, with its code, or null.
 */
export function roleFieldsIssue({ role, municipalities, clientId }: RoleFields): { field: 'municipalities' | 'clientId'; code: FieldErrorCode } | null {
  if (role === 'client' && clientId === null) return { field: 'clientId', code: 'required' };
  if (role !== 'client' && clientId !== null) return { field: 'clientId', code: 'invalidValue' };
  if (new Set(municipalities).size !== municipalities.length) return { field: 'municipalities', code: 'invalidValue' };
  const wanted: Record<Role, readonly [min: number, max: number]> = {
    counsellor: [1, allMunicipalities.length],
    municipalStaff: [1, 1],
    coordinator: [1, 1],
    partner: [0, 0],
    admin: [0, 0],
    client: [0, 0],
  };
  const [min, max] = wanted[role];
  if (municipalities.length < min) return { field: 'municipalities', code: 'required' };
  if (municipalities.length > max) return { field: 'municipalities', code: 'invalidValue' };
  return null;
}
