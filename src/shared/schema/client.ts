import * as z from 'zod/mini';
import { isoDate, languageCode, municipality, optionalIsoDate, optionalText, requiredText } from './common.ts';

export const clientStatuses = ['guidance', 'assessment', 'plan', 'ended'] as const;
export const customerGroups = ['municipality', 'employment'] as const;

const phone = z.union([z.literal(''), z.string().check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,20}$/, { error: 'invalidPhone' }))], {
  error: 'invalidPhone',
});
const email = z.union([z.literal(''), z.email({ error: 'invalidEmail' }).check(z.maxLength(254, { error: 'tooLong' }))], {
  error: 'invalidEmail',
});

/**
 * The client register's fields (Act 681/2023 §73 personal data, the part a counsellor records at first contact).
 * Each field is merged on its own during sync, so each must be valid alone; rules that tie fields together are in
 * `clientRecord` and apply when a whole client is created or edited.
 */
export const clientFields = z.object({
  firstNames: requiredText(100),
  lastName: requiredText(100),
  dateOfBirth: isoDate,
  homeMunicipality: municipality,
  motherTongue: languageCode,
  serviceLanguage: languageCode,
  interpreterNeeded: z.boolean({ error: 'invalidValue' }),
  interpreterLanguage: z.union([z.literal(''), languageCode], { error: 'invalidChoice' }),
  phone,
  email,
  address: optionalText(200),
  customerGroup: z.enum(customerGroups, { error: 'invalidChoice' }),
  firstPermitDate: optionalIsoDate,
  status: z.enum(clientStatuses, { error: 'invalidChoice' }),
});

export type ClientFields = z.infer<typeof clientFields>;
export type ClientStatus = (typeof clientStatuses)[number];
export type CustomerGroup = (typeof customerGroups)[number];

/** A whole client as created or edited in one go: the cross-field rules on top of the field rules. */
export function clientRecord(today: string) {
  return clientFields.check(
    z.superRefine((c, ctx) => {
      if (c.interpreterNeeded && c.interpreterLanguage === '') {
        ctx.addIssue({ code: 'custom', path: ['interpreterLanguage'], message: 'interpreterLanguageRequired' });
      }
      if (c.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'dateInFuture' });
      if (c.firstPermitDate !== '') {
        if (c.firstPermitDate > today) ctx.addIssue({ code: 'custom', path: ['firstPermitDate'], message: 'dateInFuture' });
        else if (c.firstPermitDate < c.dateOfBirth) {
          ctx.addIssue({ code: 'custom', path: ['firstPermitDate'], message: 'dateBeforeBirth' });
        }
      }
    }),
  );
}
