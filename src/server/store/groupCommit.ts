/**
 * Group commit: calls that arrive while a write is in flight are written together in the next one, so a burst of
 * small writes costs one commit (one fsync on SQLite) per round instead of one each. Every caller still returns
 * only after its own items are committed, and shares the failure of the round it was in.
 *
 * A round starts only after the event loop has handled the I/O that is ready: better-sqlite3 runs a whole write,
 * fsync included, inside the turn that asked for it, so starting at once would give every request its own round
 * while the requests that came in during the fsync wait unread.
 */
export function groupCommit<T, R>(write: (items: readonly T[]) => Promise<readonly R[]>, resultFor: (item: T, results: ReadonlySet<R>) => R | undefined) {
  interface Waiting {
    readonly items: readonly T[];
    readonly resolve: (results: R[]) => void;
    readonly reject: (error: unknown) => void;
  }
  let waiting: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const round = waiting;
      waiting = [];
      try {
        const results = new Set(await write(round.flatMap((w) => w.items)));
        for (const w of round) w.resolve(w.items.flatMap((item) => resultFor(item, results) ?? []));
      } catch (error) {
        for (const w of round) w.reject(error);
      }
    }
    writing = false;
  }

  return (items: readonly T[]): Promise<R[]> => {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      waiting.push({ items, resolve, reject });
      if (!writing) {
        writing = true;
        setImmediate(() => void drain());
      }
    });
  };
}
