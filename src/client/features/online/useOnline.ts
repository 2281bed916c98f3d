import { useSyncExternalStore } from 'react';
import { isOnline, subscribeOnline } from '../../platform/onlineStatus.ts';

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, isOnline);
}
