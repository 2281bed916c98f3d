import { useEffect, useState } from 'react';
import { requestPersistence, storageUsage, type Persistence } from '../../platform/storage.ts';

/** Storage nearly full: past this share of the quota, unsynced work is at risk. */
const NEARLY_FULL = 0.9;

export function usePersistence(): { persistence: Persistence | null; nearlyFull: boolean } {
  const [persistence, setPersistence] = useState<Persistence | null>(null);
  const [nearlyFull, setNearlyFull] = useState(false);
  useEffect(() => {
    void requestPersistence().then(setPersistence);
    void storageUsage().then((usage) => setNearlyFull(usage !== null && usage > NEARLY_FULL));
  }, []);
  return { persistence, nearlyFull };
}
