import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingPlaces } from '#shared/schema/note.ts';
import { serviceAreas } from '#shared/domain/noteTopics.ts';
import { TextInput } from '../../ui/TextInput.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { CheckboxField } from '../../ui/CheckboxField.tsx';
import { CheckboxGroupField } from '../../ui/CheckboxGroupField.tsx';
import { FormActions } from '../forms/FormActions.tsx';
import type { NoteInput } from '../../db/notesRepo.ts';
import { useValidatedForm } from '../forms/useValidatedForm.ts';
import { languageOptions } from '../clients/options.ts';
import { validateNote, type NoteFormValues } from './noteForm.ts';

interface NoteFormProps {
  readonly clientId: string;
  readonly draftKey: string;
  readonly initial: NoteFormValues | null;
  readonly onSave: (input: NoteInput) => Promise<void>;
  readonly onCancel: () => void;
}

export function NoteForm({ clientId, draftKey, initial, onSave, onCancel }: NoteFormProps) {
  const { t, i18n } = useTranslation(['notes', 'common', 'errors']);
  const { values, setField, errors, saving, saveFailure, draftFailure, submit, cancel } = useValidatedForm({
    draftKey,
    initial,
    validate: (v: NoteFormValues) => validateNote(v, clientId),
    onSave,
    onCancel,
  });
  const sections = useMemo(
    () =>
      Object.entries(serviceAreas).map(([area, topics]) => ({
        id: area,
        title: t(`notes:serviceArea.${area}`),
        options: topics.map((topic) => ({ id: topic, label: t(`notes:topic.${topic}`) })),
      })),
    [t],
  );
  if (values === null) return <p role="status">{t('common:loading')}</p>;
  const err = (field: string) => (errors[field] ? t(`errors:${errors[field]}`) : undefined);

  return (
    // autocomplete off for the whole form: otherwise the browser keeps what was typed about a person on disk, in
    // plain text (autocomplete history, and the form state it saves for restoring the session).
    <form className="form" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-section">
        <legend>{t('notes:section.meeting')}</legend>
        <TextInput label={t('notes:field.occurredAt')} type="datetime-local" value={values.occurredAt} onChange={(v) => setField('occurredAt', v)} error={err('occurredAt')} description={t('notes:hint.timeZone')} isRequired />
        <TextInput label={t('notes:field.durationMinutes')} type="number" inputMode="numeric" value={values.durationMinutes} onChange={(v) => setField('durationMinutes', v)} error={err('durationMinutes')} isRequired />
        <SelectField label={t('notes:field.place')} options={meetingPlaces.map((p) => ({ id: p, label: t(`notes:place.${p}`) }))} value={values.place} onChange={(v) => setField('place', v as NoteFormValues['place'])} error={err('place')} isRequired />
        {values.place === 'other' && (
          <TextInput label={t('notes:field.placeOther')} value={values.placeOther} onChange={(v) => setField('placeOther', v)} error={err('placeOther')} isRequired />
        )}
        <CheckboxField label={t('notes:field.interpreterUsed')} isSelected={values.interpreterUsed} onChange={(v) => setField('interpreterUsed', v)} />
        {values.interpreterUsed && (
          <SelectField label={t('notes:field.interpreterLanguage')} options={languageOptions(i18n.language)} value={values.interpreterLanguage} onChange={(v) => setField('interpreterLanguage', v as NoteFormValues['interpreterLanguage'])} error={err('interpreterLanguage')} isRequired />
        )}
      </fieldset>
      <CheckboxGroupField label={t('notes:field.topics')} sections={sections} value={values.topics} onChange={(v) => setField('topics', v)} error={err('topics')} />
      <fieldset className="form-section">
        <legend>{t('notes:section.content')}</legend>
        <TextInput label={t('notes:field.text')} multiline value={values.text} onChange={(v) => setField('text', v)} error={err('text')} isRequired />
        <TextInput label={t('notes:field.followUpDate')} type="date" value={values.followUpDate} onChange={(v) => setField('followUpDate', v)} error={err('followUpDate')} />
      </fieldset>
      <FormActions saving={saving} saveFailure={saveFailure} draftFailure={draftFailure} onCancel={() => void cancel()} />
    </form>
  );
}
