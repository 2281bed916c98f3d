/**
 * A form's whole life: draft-backed values, validation on submit with focus moved to the first error, save, and
 * the draft discarded once saved or cancelled. Client and note forms differ only in their fields and rules.
 *
 * A save the device's storage refuses (the disk full, the browser failing to write) leaves the form as it was,
 * with its draft, says why, and can be tried again. A draft the storage refuses is said too, until one is kept.
 */
import { useState, type FormEvent } from 'react';
import { saveFailureOf, type SaveFailure } from '../../app/appProblem.ts';
import type { FieldErrors } from './fieldErrors.ts';
import { focusFirstInvalid } from './focusFirstInvalid.ts';
import { useDraftForm } from './useDraftForm.ts';

export type Validation<R> = { ok: true; value: R } | { ok: false; errors: FieldErrors };

interface FormOptions<T, R> {
  readonly draftKey: string;
  readonly initial: T | null;
  readonly validate: (values: T) => Validation<R>;
  readonly onSave: (value: R) => Promise<void>;
  readonly onCancel: () => void;
}

export function useValidatedForm<T extends Record<string, unknown>, R>({ draftKey, initial, validate, onSave, onCancel }: FormOptions<T, R>) {
  const { values, setField, finish, draftFailure } = useDraftForm(draftKey, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveFailure, setSaveFailure] = useState<SaveFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (values === null) return;
    const result = validate(values);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setSaving(true);
    setSaveFailure(null);
    try {
      await onSave(result.value);
    } catch (error) {
      setSaving(false);
      setSaveFailure(saveFailureOf(error));
      return;
    }
    await finish();
  }

  async function cancel() {
    await finish();
    onCancel();
  }

  return { values, setField, errors, saving, saveFailure, draftFailure, submit, cancel };
}
