/**
 * Every error the app can show is one of these codes. The server answers with them, the schemas use them as
 * issue messages, and the client looks each one up as a key in locales/<lng>/errors.json: one place, one name.
 */
export const fieldErrorCodes = [
  'required',
  'tooLong',
  'invalidDate',
  'dateInFuture',
  'dateBeforeBirth',
  'invalidEmail',
  'invalidPhone',
  'invalidChoice',
  'interpreterLanguageRequired',
  'placeOtherRequired',
  'durationRange',
  'topicsRequired',
  'followUpBeforeMeeting',
  'invalidValue',
  'invalidUsername',
  'passwordTooShort',
  'pinTooShort',
  'pinsDiffer',
  'wrongPin',
] as const;

export const requestErrorCodes = [
  'badRequest',
  'updateRequired',
  'notFound',
  'forbidden',
  'recordDeleted',
  'appendOnly',
  'unknownField',
  'payloadTooLarge',
  'rateLimited',
  'serverError',
  'serverBusy',
  'network',
  'signInRequired',
  'invalidCredentials',
  'accountLocked',
  'accountDisabled',
  'deviceRevoked',
  'usernameTaken',
  'deviceInUse',
  'clientErased',
] as const;

export type FieldErrorCode = (typeof fieldErrorCodes)[number];
export type RequestErrorCode = (typeof requestErrorCodes)[number];
export type ErrorCode = FieldErrorCode | RequestErrorCode;

const allCodes: ReadonlySet<string> = new Set([...fieldErrorCodes, ...requestErrorCodes]);

/** Turns any message into a known code, so an unexpected library message never reaches a user untranslated. */
export function toErrorCode(message: string | undefined, fallback: ErrorCode = 'invalidValue'): ErrorCode {
  return message !== undefined && allCodes.has(message) ? (message as ErrorCode) : fallback;
}
