/**
 * A form's whole life: draft-backed values, validation on submit with focus moved to the first error, save, and
 * the draft discarded once saved or cancelled. Client and note forms differ only in their fields and rules.
 */
import { useState, type FormEvent } from 'react';
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
  const { values, setField, finish } = useDraftForm(draftKey, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

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
    await onSave(result.value);
    await finish();
  }

  async function cancel() {
    await finish();
    onCancel();
  }

  return { values, setField, errors, saving, submit, cancel };
}
