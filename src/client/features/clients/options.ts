/** Translated option lists shared by the client screens. */
import type { TFunction } from 'i18next';
import { clientStatuses, customerGroups } from '#shared/schema/client.ts';
import { languageCodes, municipalities } from '#shared/schema/common.ts';
import type { Option } from '../../ui/SelectField.tsx';
import { languageName } from '../../i18n/format.ts';

export function municipalityOptions(t: TFunction): Option[] {
  return municipalities.map((m) => ({ id: m, label: t(`common:municipality.${m}`) }));
}

export function statusOptions(t: TFunction): Option[] {
  return clientStatuses.map((s) => ({ id: s, label: t(`clients:status.${s}`) }));
}

export function customerGroupOptions(t: TFunction): Option[] {
  return customerGroups.map((g) => ({ id: g, label: t(`clients:customerGroup.${g}`) }));
}

/** Languages by their name in the UI language, in that language's alphabetical order. */
export function languageOptions(lng: string): Option[] {
  const collator = new Intl.Collator(lng);
  return languageCodes
    .map((code) => ({ id: code, label: languageName(code, lng) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
