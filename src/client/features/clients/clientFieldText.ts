/** A client field's value as a person reads it, in the UI language. */
import type { TFunction } from 'i18next';
import { formatDate, languageName } from '../../i18n/format.ts';

const dateFields = new Set(['dateOfBirth', 'firstPermitDate']);
const languageFields = new Set(['motherTongue', 'serviceLanguage', 'interpreterLanguage']);

export function clientFieldText(field: string, value: unknown, t: TFunction, lng: string): string {
  if (value === '' || value === null || value === undefined) return t('common:notGiven');
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  if (typeof value !== 'string') return JSON.stringify(value);
  const text = value;
  if (dateFields.has(field)) return formatDate(text, lng);
  if (languageFields.has(field)) return languageName(text, lng);
  if (field === 'homeMunicipality') return t(`common:municipality.${text}`);
  if (field === 'customerGroup') return t(`clients:customerGroup.${text}`);
  if (field === 'status') return t(`clients:status.${text}`);
  return text;
}
