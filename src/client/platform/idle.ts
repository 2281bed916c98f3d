/**
 * Runs `callback` when the browser has an idle moment, or after `timeoutMs` at the latest; answers a function that
 * cancels it. Where requestIdleCallback is missing (Safari), a timer of 0 stands in.
 */
export function onIdle(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}
