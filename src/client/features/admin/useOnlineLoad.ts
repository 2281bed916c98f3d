/**
 * Loading something from the admin API: only while online (and again whenever the network returns), abandoned
 * when the screen goes, and held as a value the screen can update in place after a change it made itself.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RequestErrorCode } from '#shared/errors.ts';
import { errorCodeOf } from '../online/requestError.ts';
import { useOnline } from '../online/useOnline.ts';

export type Loaded<T> =
  | { readonly status: 'offline' }
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly code: RequestErrorCode }
  | { readonly status: 'ready'; readonly value: T };

/** `load` must be stable (useCallback): a new function loads again. */
export function useOnlineLoad<T>(load: (signal: AbortSignal) => Promise<T>) {
  const online = useOnline();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!online) {
      setState({ status: 'offline' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (err: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', code: errorCodeOf(err) });
      },
    );
    return () => controller.abort();
  }, [online, load, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: (value: T) => T) => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', value: change(s.value) } : s));
  }, []);
  return { state, online, retry, update };
}
