import { clientRecord, type ClientFields } from '#shared/schema/client.ts';
import { helsinkiDate } from '#shared/domain/dates.ts';
import { fieldErrorsOf } from '../forms/fieldErrors.ts';
import type { Validation } from '../forms/useValidatedForm.ts';

export const emptyClient: ClientFields = {
  firstNames: '',
  lastName: '',
  dateOfBirth: '',
  homeMunicipality: 'kyrkslatt',
  motherTongue: '' as ClientFields['motherTongue'],
  serviceLanguage: 'fi',
  interpreterNeeded: false,
  interpreterLanguage: '',
  phone: '',
  email: '',
  address: '',
  customerGroup: 'municipality',
  firstPermitDate: '',
  status: 'guidance',
};

export function validateClient(values: ClientFields, now = new Date()): Validation<ClientFields> {
  const result = clientRecord(helsinkiDate(now)).safeParse(values);
  if (result.success) {
    const fields = result.data;
    return { ok: true, value: fields.interpreterNeeded ? fields : { ...fields, interpreterLanguage: '' } };
  }
  return { ok: false, errors: fieldErrorsOf(result.error) };
}
