import { describe, expect, it } from 'vitest';
import { emptyAccount, validateAccount } from './accountForm.ts';

const valid = { ...emptyAccount, username: ' Kim.K ', displayName: 'Kim K', role: 'counsellor', municipalities: ['kyrkslatt'], password: 'twelve chars long' } as const;

describe('the new-account form', () => {
  it('accepts a counsellor with a municipality, with the username as the server stores it', () => {
    const result = validateAccount(valid);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ username: 'kim.k', clientId: null, municipalities: ['kyrkslatt'] }) as unknown });
  });

  it('names every field that is wrong, with the codes the server would answer', () => {
    expect(validateAccount(emptyAccount)).toEqual({
      ok: false,
      errors: { username: 'required', displayName: 'required', role: 'invalidChoice', password: 'passwordTooShort' },
    });
  });

  it('asks a counsellor for a municipality and a client account for its client id', () => {
    expect(validateAccount({ ...valid, municipalities: [] })).toEqual({ ok: false, errors: { municipalities: 'required' } });
    expect(validateAccount({ ...valid, role: 'client', clientId: '' })).toEqual({ ok: false, errors: { clientId: 'required' } });
    expect(validateAccount({ ...valid, role: 'client', clientId: 'not an id' })).toEqual({ ok: false, errors: { clientId: 'invalidValue' } });
    expect(validateAccount({ ...valid, role: 'municipalStaff', municipalities: ['kyrkslatt', 'sjundea'] })).toEqual({ ok: false, errors: { municipalities: 'invalidValue' } });
  });

  it('names a missing municipality along with the other errors', () => {
    expect(validateAccount({ ...valid, municipalities: [], password: 'short' })).toEqual({ ok: false, errors: { municipalities: 'required', password: 'passwordTooShort' } });
  });

  it('sends no municipalities for a role that has none, whatever was ticked before the role changed', () => {
    const result = validateAccount({ ...valid, role: 'partner' });
    expect(result.ok && result.value.municipalities).toEqual([]);
  });
});
