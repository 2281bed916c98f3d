/**
 * i18next for the app: one JSON file per language and namespace under locales/, loaded as separate chunks (which
 * the service worker precaches, so every offered language works offline). The chosen language is remembered on
 * the device, and `<html lang dir>` follows it.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, directionOf, isUiLanguage, uiLanguageCodes } from './languages.ts';

export const namespaces = ['common', 'errors', 'clients', 'notes', 'accessibility', 'session', 'admin', 'clientRights'] as const;
/**
 * What the first screen (the app shell and sign-in or unlock) needs. The others load with the screen that asks for
 * them (useTranslation suspends until they are in), and once loaded they follow a change of language.
 */
const firstScreenNamespaces = ['common', 'errors', 'session'] as const satisfies readonly (typeof namespaces)[number][];
const STORAGE_KEY = 'silta.language';

const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../../locales/*/*.json');

function loadNamespace(lng: string, ns: string) {
  const load = loaders[`../../../locales/${lng}/${ns}.json`];
  if (!load) return Promise.reject(new Error(`missing locale ${lng}/${ns}`));
  return load().then((m) => m.default);
}

function rememberedLanguage(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isUiLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode); the browser's language is then the best guess.
  }
  const preferred = navigator.languages.map((l) => l.slice(0, 2)).find(isUiLanguage);
  return preferred ?? defaultLanguage;
}

function applyToDocument(lng: string) {
  document.documentElement.lang = lng;
  document.documentElement.dir = directionOf(lng);
}

export async function startI18n(): Promise<i18n> {
  const lng = rememberedLanguage();
  i18next.use(initReactI18next).use({
    type: 'backend',
    read(language: string, namespace: string, callback: (err: unknown, data?: Record<string, unknown>) => void) {
      loadNamespace(language, namespace).then((data) => callback(null, data), (err: unknown) => callback(err));
    },
  });
  i18next.on('languageChanged', applyToDocument);
  await i18next.init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...uiLanguageCodes],
    ns: [...firstScreenNamespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(i18next.language);
  return i18next;
}

export async function chooseLanguage(lng: string): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered across reloads when storage is blocked; the choice still applies now.
  }
  await i18next.changeLanguage(lng);
}
