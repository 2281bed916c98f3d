import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/index.ts';
import { countUnsynced } from '../../db/changeLog.ts';

/**
 * The count as last read, shown by a component that mounts until its own live query answers (a few milliseconds
 * later, but after the first paint). Without it the header's count appeared just after the first screen and, on a
 * phone, pushed the language select onto a second row, moving the whole page down (Lighthouse's CLS 0.28).
 */
let lastCount: number | undefined;

/** Reads the count before the first render (main.tsx), so the first paint already shows it. */
export async function readUnsyncedCountAhead(): Promise<void> {
  lastCount = await countUnsynced(appDb());
}

/** Local changes the server has not acknowledged yet; undefined while the first count loads. */
export function useUnsyncedCount(): number | undefined {
  const count = useLiveQuery(() => countUnsynced(appDb()), [], lastCount);
  useEffect(() => {
    if (count !== undefined) lastCount = count;
  }, [count]);
  return count;
}
