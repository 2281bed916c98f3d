import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onIdle } from '../platform/idle.ts';

/** A screen made with lazyWithPreload. */
interface Preloadable {
  preload(): Promise<unknown>;
}

const WARM_UP_WAIT_MS = 5_000;

/**
 * While `enabled`, loads the code and translations of the screen a person most likely opens next, once the browser
 * is idle, and calls `readAhead` to read what that screen will show. Loaded on the click instead, the screen
 * suspended (for its code, then for its translations) and React then holds back what a suspension delayed for a
 * moment more, so the screen opened hundreds of milliseconds late. A failure only means the screen loads when
 * opened, as it would without this.
 */
export function useIdleWarmUp(enabled: boolean, screens: readonly Preloadable[], namespaces: readonly string[], readAhead?: () => void): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!enabled) return;
    return onIdle(() => {
      for (const screen of screens) screen.preload().catch(() => undefined);
      i18n.loadNamespaces([...namespaces]).catch(() => undefined);
      readAhead?.();
    }, WARM_UP_WAIT_MS);
  }, [enabled, i18n, screens, namespaces, readAhead]);
}
