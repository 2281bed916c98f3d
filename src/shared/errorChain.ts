/**
 * An error and the errors it wraps (Dexie's `inner`, the standard `cause`), outermost first: what went wrong is
 * often the innermost one, as the browser or the database driver gave it.
 */
export function errorChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && chain.length < 5) {
    chain.push(current);
    const next = current as { inner?: unknown; cause?: unknown };
    current = next.inner ?? next.cause;
  }
  return chain;
}

/** An error's name and message, or empty strings for what it does not have. */
export function nameAndMessage(error: object): { readonly name: string; readonly message: string } {
  const { name, message } = error as { name?: unknown; message?: unknown };
  return { name: typeof name === 'string' ? name : '', message: typeof message === 'string' ? message : '' };
}
