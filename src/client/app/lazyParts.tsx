/**
 * What the first paint does not need loads as its own chunk (all precached by the service worker, so they open
 * offline too). The entry keeps React, i18n, the data layer and the app shell, within the P1 bundle budget.
 */
import { lazy } from 'react';
import { lazyWithPreload } from 'react-lazy-with-preload';

export const UpdatePrompt = lazy(() => import('./UpdatePrompt.tsx').then((m) => ({ default: m.UpdatePrompt })));
export const SyncPanel = lazy(() => import('../features/sync/SyncPanel.tsx').then((m) => ({ default: m.SyncPanel })));
export const ClientListScreen = lazyWithPreload(() =>
  import('../features/clients/ClientListScreen.tsx').then((m) => ({ default: m.ClientListScreen })),
);
export const SessionScreens = lazyWithPreload(() =>
  import('../features/session/SessionScreens.tsx').then((m) => ({ default: m.SessionScreens })),
);
export const AccountMenu = lazy(() => import('../features/session/AccountMenu.tsx').then((m) => ({ default: m.AccountMenu })));

/**
 * Every start shows sign-in or unlock: main.tsx loads that code alongside the language and the session, so it is
 * not a further round trip after the first render (on a slow mobile network, 150 ms or more), and preloaded it
 * renders in the first paint. (A plain lazy component suspends at its first render even when its code is in: React
 * then paints the page around an empty main and shows the form at least 300 ms later, its reveal throttle.)
 */
export function loadFirstScreen(): Promise<unknown> {
  return SessionScreens.preload();
}
