/**
 * Asks the browser to look for a new version of the app now rather than at its next hourly check (UpdatePrompt.tsx):
 * when the server answers that this version is too old, the new one is usually waiting there already, and the
 * update prompt then offers it at once.
 */
export async function checkForAppUpdate(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  await registration?.update().catch(() => {
    // Offline, or the server down: the hourly check and the next start look again.
  });
}

/**
 * Reloads the page once the new version controls it. vite-plugin-pwa reloads by itself only a page that was already
 * controlled when it loaded, so a tab that installed the app and then, still open, was offered an update would
 * activate the new version under the old page and keep showing the prompt.
 */
export function reloadWhenNewVersionControls(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
}
