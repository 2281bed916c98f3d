/**
 * What a new PIN must be. A PIN of digits only needs at least six of them; anything else is a passphrase of at
 * least eight characters. The PIN is never the only secret (the device secret is mixed in, see vault.ts), so
 * these minimums only have to outlast the five guesses the attempt limit allows plus someone watching a
 * shoulder. Nothing here looks at how the text arrived: pasting a passphrase must keep working.
 */
import type { FieldErrorCode } from '#shared/errors.ts';

export const MIN_PIN_DIGITS = 6;
export const MIN_PASSPHRASE_LENGTH = 8;
/** Bounded like a password, so a pasted novel is refused before it reaches key derivation. */
export const MAX_PIN_LENGTH = 200;

/**
 * The form a PIN is derived from. Arabic-Indic and Eastern Arabic-Indic digits become ASCII digits, so the same
 * PIN typed on an Arabic or a Finnish keyboard opens the same vault; NFC makes composed and decomposed letters
 * of a passphrase equal.
 */
export function normalizePin(pin: string): string {
  return pin
    .normalize('NFC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The problem with a new PIN, or null when it may be used. */
export function pinError(pin: string): FieldErrorCode | null {
  const normalized = normalizePin(pin);
  // Characters are counted as code points, so an emoji or an Arabic letter counts once.
  const length = [...normalized].length;
  if (length === 0) return 'required';
  if (length > MAX_PIN_LENGTH) return 'tooLong';
  const minimum = /^[0-9]+$/.test(normalized) ? MIN_PIN_DIGITS : MIN_PASSPHRASE_LENGTH;
  return length < minimum ? 'pinTooShort' : null;
}

/** A type alias rather than an interface, so it fits the forms' `Record<string, ErrorCode>` of field errors. */
export type NewPinErrors = { pin?: FieldErrorCode; confirmation?: FieldErrorCode };

/** Field errors of a "new PIN" form: the PIN itself and its confirmation, which must be the same PIN. */
export function newPinErrors(pin: string, confirmation: string): NewPinErrors {
  const errors: NewPinErrors = {};
  const problem = pinError(pin);
  if (problem !== null) errors.pin = problem;
  if (confirmation === '') errors.confirmation = 'required';
  else if (normalizePin(confirmation) !== normalizePin(pin)) errors.confirmation = 'pinsDiffer';
  return errors;
}
