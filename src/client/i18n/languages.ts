/**
 * The languages the staff interface is offered in. Arabic is here to prove right-to-left layout; client languages
 * join as orientation content arrives. `status` says whether a human translator has reviewed the text: the reader
 * is shown when it has not.
 */
export const uiLanguages = [
  { code: 'fi', status: 'machine' },
  { code: 'sv', status: 'machine' },
  { code: 'en', status: 'source' },
  { code: 'ar', status: 'machine' },
] as const;

export type UiLanguage = (typeof uiLanguages)[number]['code'];
export const uiLanguageCodes: readonly UiLanguage[] = uiLanguages.map((l) => l.code);
export const defaultLanguage: UiLanguage = 'fi';

const RTL = new Set(['ar', 'fa', 'prs', 'ckb', 'ps', 'ur']);

export function directionOf(code: string): 'rtl' | 'ltr' {
  return RTL.has(code) ? 'rtl' : 'ltr';
}

export function translationStatus(code: string): 'source' | 'machine' | 'reviewed' {
  return uiLanguages.find((l) => l.code === code)?.status ?? 'machine';
}

export function isUiLanguage(code: string | null | undefined): code is UiLanguage {
  return code !== null && code !== undefined && (uiLanguageCodes as readonly string[]).includes(code);
}
