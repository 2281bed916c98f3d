/**
 * Locks the app after a while without input (default 5 minutes), also when the tablet was put away: a timer does
 * not fire while the page is frozen in the background, so coming back to the page checks the time as well.
 */
import { useEffect } from 'react';
import { autoLockDecision } from '../../security/autoLock.ts';
import { lock } from '../../session/session.ts';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useAutoLock(timeoutMs: number): void {
  useEffect(() => {
    let lastActivity = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const decision = autoLockDecision(lastActivity, Date.now(), timeoutMs);
      if (decision.lock) lock();
      else timer = setTimeout(check, decision.checkInMs);
    };
    const touch = () => {
      lastActivity = Date.now();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, touch, { passive: true, capture: true });
    document.addEventListener('visibilitychange', check);
    check();
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, touch, { capture: true });
      document.removeEventListener('visibilitychange', check);
      clearTimeout(timer);
    };
  }, [timeoutMs]);
}
