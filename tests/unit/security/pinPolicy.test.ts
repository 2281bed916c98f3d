import { describe, expect, it } from 'vitest';
import { newPinErrors, normalizePin, pinError } from '#client/security/pinPolicy.ts';

describe('the PIN policy', () => {
  it('wants at least six digits of a PIN of digits only', () => {
    expect(pinError('12345')).toBe('pinTooShort');
    expect(pinError('123456')).toBeNull();
    expect(pinError('0000000000')).toBeNull();
  });

  it('wants at least eight characters of anything else', () => {
    expect(pinError('abc123')).toBe('pinTooShort');
    expect(pinError('12345 6')).toBe('pinTooShort');
    expect(pinError('kissa123')).toBeNull();
    expect(pinError('hyvää yötä')).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(pinError('🐈🐈🐈🐈🐈🐈🐈')).toBe('pinTooShort');
    expect(pinError('🐈🐈🐈🐈🐈🐈🐈🐈')).toBeNull();
  });

  it('treats Arabic-Indic digits as digits, the same PIN as ASCII ones', () => {
    expect(normalizePin('٢٠٤٨١٦')).toBe('204816');
    expect(normalizePin('۲۰۴۸۱۶')).toBe('204816');
    expect(pinError('٢٠٤٨١٦')).toBeNull();
    expect(pinError('٢٠٤٨١')).toBe('pinTooShort');
  });

  it('makes composed and decomposed letters the same passphrase', () => {
    expect(normalizePin('ha\u0308ma\u0308ra\u0308')).toBe(normalizePin('hämärä'));
  });

  it('requires a PIN and a bounded one', () => {
    expect(pinError('')).toBe('required');
    expect(pinError('x'.repeat(201))).toBe('tooLong');
  });

  it('checks the confirmation of a new PIN', () => {
    expect(newPinErrors('204816', '204816')).toEqual({});
    expect(newPinErrors('204816', '204817')).toEqual({ confirmation: 'pinsDiffer' });
    expect(newPinErrors('204816', '')).toEqual({ confirmation: 'required' });
    expect(newPinErrors('', '')).toEqual({ pin: 'required', confirmation: 'required' });
    expect(newPinErrors('1234', '1234')).toEqual({ pin: 'pinTooShort' });
    expect(newPinErrors('٢٠٤٨١٦', '204816')).toEqual({});
  });
});
