/** How an account reads in the admin screens: its role, municipalities and whether it can sign in now. */
import type { TFunction } from 'i18next';
import type { AccountDetails } from '#shared/schema/admin.ts';
import { roles } from '#shared/schema/auth.ts';
import type { Option } from '../../ui/SelectField.tsx';
import { formatDateTime } from '../../i18n/format.ts';

export function roleOptions(t: TFunction): Option[] {
  return roles.map((r) => ({ id: r, label: t(`admin:role.${r}`) }));
}

export function municipalitiesText(account: AccountDetails, t: TFunction): string {
  if (account.municipalities.length === 0) return t('admin:accounts.noMunicipality');
  return account.municipalities.map((m) => t(`common:municipality.${m}`)).join(', ');
}

/** Disabled wins over locked: a disabled account stays out whatever its lock says. */
export function accountStatusText(account: AccountDetails, t: TFunction, lng: string): string {
  if (account.disabled) return t('admin:accounts.status.disabled');
  if (account.lockedUntil !== null) return t('admin:accounts.status.locked', { time: formatDateTime(account.lockedUntil, lng) });
  return t('admin:accounts.status.active');
}
