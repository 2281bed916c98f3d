/**
 * Registered devices as an admin manages them. Revoking one is final: its sessions end in the same transaction,
 * it cannot sign in again, and its next request hears `deviceRevoked`, which tells it to delete its local data.
 */
import type { DeviceDetails } from '#shared/schema/admin.ts';
import type { Device } from '../store/accountStore.ts';
import type { Store } from '../store/types.ts';
import { adminActionEntry, type AdminActionBy } from './adminAudit.ts';

function toDetails(device: Device, username: string): DeviceDetails {
  return {
    id: device.id,
    accountId: device.accountId,
    username,
    name: device.name,
    registeredAt: device.registeredAt.toISOString(),
    lastSeenAt: device.lastSeenAt.toISOString(),
    revokedAt: device.revokedAt?.toISOString() ?? null,
  };
}

async function usernames(store: Store): Promise<Map<string, string>> {
  return new Map((await store.accounts.listAccounts()).map((a) => [a.id, a.username]));
}

export async function listDevices(store: Store): Promise<DeviceDetails[]> {
  const [devices, names] = await Promise.all([store.accounts.listDevices(), usernames(store)]);
  return devices.map((d) => toDetails(d, names.get(d.accountId) ?? ''));
}

/**
 * undefined when there is no such device; revoking one already revoked changes nothing (and is logged like the
 * first time: an admin asked for it).
 */
export async function revokeDevice(store: Store, deviceId: string, by: AdminActionBy): Promise<DeviceDetails | undefined> {
  const device = await store.accounts.transaction(async (tx) => {
    const current = await tx.deviceById(deviceId);
    if (!current) return undefined;
    await tx.appendAudit([adminActionEntry(by, 'revokeDevice', deviceId)]);
    if (current.revokedAt !== null) return current;
    await tx.endSessions({ deviceId }, by.now, 'deviceRevoked');
    return tx.updateDevice(deviceId, { revokedAt: by.now });
  });
  if (!device) return undefined;
  const account = await store.accounts.accountById(device.accountId);
  return toDetails(device, account?.username ?? '');
}
