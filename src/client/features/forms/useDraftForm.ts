/**
 * Form state that survives a reload: every change is kept as a draft on the device (debounced), restored when the
 * form opens again, and discarded on save or cancel. This is what lets the "new version — reload" prompt promise
 * that nothing typed is lost.
 *
 * A draft the device's storage refuses (the disk full) is named, so the person knows that what they type would be
 * lost if the page closed; the next draft that is kept takes the word back. A draft that cannot be read (its seal
 * broken) is named too, and the form opens without it rather than not at all.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, saveFailureOf, type SaveFailure } from '../../app/appProblem.ts';
import { appDb } from '../../db/index.ts';
import { discardDraft, loadDraft, saveDraft } from '../../db/draftsRepo.ts';
import { beforeClose } from '../../db/versionChange.ts';

const SAVE_DELAY_MS = 300;

/** Why the form's draft is not kept on the device, or why the one kept could not be read. */
export interface DraftFailure {
  readonly problem: SaveFailure['problem'] | 'unreadable';
  readonly detail: string;
}

export function useDraftForm<T extends Record<string, unknown>>(key: string, initial: T | null) {
  const [values, setValues] = useState<T | null>(null);
  const [draftFailure, setDraftFailure] = useState<DraftFailure | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (initial === null || values !== null) return;
    let cancelled = false;
    loadDraft(appDb(), key).then(
      (draft) => {
        if (!cancelled) setValues({ ...initial, ...(draft as Partial<T> | null) });
      },
      (error: unknown) => {
        if (cancelled) return;
        setDraftFailure({ problem: 'unreadable', detail: describeError(error) });
        setValues(initial);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, initial, values]);

  const edited = useRef(false);
  /** The values a save is waiting for, until it is made (or the form is finished). */
  const unsaved = useRef<T | null>(null);
  const saveWaiting = useCallback(async () => {
    const waiting = unsaved.current;
    unsaved.current = null;
    if (waiting === null) return;
    try {
      await saveDraft(appDb(), key, waiting);
      setDraftFailure(null);
    } catch (error) {
      setDraftFailure(saveFailureOf(error));
    }
  }, [key]);
  useEffect(() => {
    if (!edited.current || values === null) return;
    unsaved.current = values;
    const timer = setTimeout(() => void saveWaiting(), SAVE_DELAY_MS);
    pending.current = timer;
    return () => clearTimeout(timer);
  }, [values, saveWaiting]);

  // Leaving the form (a link, the screen failing, or another tab upgrading the database under this one) makes the
  // waiting save now: the last keystrokes are kept too.
  useEffect(() => {
    const withdraw = beforeClose(appDb(), saveWaiting);
    return () => {
      withdraw();
      void saveWaiting();
    };
  }, [saveWaiting]);

  const setField = useCallback(<K extends keyof T>(field: K, value: T[K]) => {
    edited.current = true;
    setValues((prev) => (prev === null ? prev : { ...prev, [field]: value }));
  }, []);

  const finish = useCallback(async () => {
    edited.current = false;
    unsaved.current = null;
    if (pending.current) clearTimeout(pending.current);
    setDraftFailure(null);
    await discardDraft(appDb(), key);
  }, [key]);

  return { values, setField, finish, draftFailure };
}
