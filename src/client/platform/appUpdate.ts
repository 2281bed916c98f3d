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
