import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay, Radio, RadioGroup, Label } from 'react-aria-components';
import { appDb } from '../../db/index.ts';
import { resolveConflict, type ConflictView } from '../../db/conflictsRepo.ts';
import { Button } from '../../ui/Button.tsx';
import { saveFailureOf, type SaveFailure } from '../../app/appProblem.ts';
import { SaveFailureAlert } from '../forms/SaveFailureAlert.tsx';
import { clientFieldText } from '../clients/clientFieldText.ts';
import { DataText, SLOT, withDataText } from '../../ui/DataText.tsx';

interface ConflictResolverProps {
  readonly conflict: ConflictView;
  readonly currentValue: unknown;
  /** Called as the choice is confirmed: the caller moves focus once this resolver (and its button) is gone. */
  readonly onResolve?: () => void;
}

/** Marks a field "changed on another device" and lets a person choose which value stays. */
export function ConflictResolver({ conflict, currentValue, onResolve }: ConflictResolverProps) {
  const { t, i18n } = useTranslation(['common', 'clients']);
  const [choice, setChoice] = useState<'keptCurrent' | 'tookOther'>('keptCurrent');
  // A choice the device's storage refuses keeps the dialog open with the choice, says why, and can be confirmed again.
  const [saveFailure, setSaveFailure] = useState<SaveFailure | null>(null);
  const field = conflict.fields.field;
  const show = (value: unknown) => (
    <DataText field={field} empty={value === ''}>
      {clientFieldText(field, value, t, i18n.language)}
    </DataText>
  );
  return (
    <span className="conflict">
      <span className="conflict-badge" data-testid="conflict-marker">
        {t('conflict.marker')}
      </span>
      <DialogTrigger>
        <Button variant="quiet">{t('conflict.choose')}</Button>
        <ModalOverlay className="modal-overlay" isDismissable>
          <Modal className="modal">
            <Dialog className="dialog">
              {({ close }) => (
                <>
                  <Heading slot="title">{t('conflict.title', { field: t(`clients:field.${field}`) })}</Heading>
                  <p>{t('conflict.explanation')}</p>
                  <RadioGroup className="field" value={choice} onChange={(v) => setChoice(v as typeof choice)}>
                    <Label className="field-label">{t('conflict.question')}</Label>
                    <Radio className="radio" value="keptCurrent">
                      {withDataText(t('conflict.current', { value: SLOT }), show(currentValue))}
                    </Radio>
                    <Radio className="radio" value="tookOther">
                      {withDataText(t('conflict.other', { value: SLOT }), show(conflict.fields.loserValue))}
                    </Radio>
                  </RadioGroup>
                  {saveFailure !== null && <SaveFailureAlert failure={saveFailure} />}
                  <div className="form-actions">
                    <Button
                      onPress={() => {
                        onResolve?.();
                        setSaveFailure(null);
                        resolveConflict(appDb(), conflict, choice).then(close, (error: unknown) => setSaveFailure(saveFailureOf(error)));
                      }}
                    >
                      {t('conflict.confirm')}
                    </Button>
                    <Button variant="secondary" onPress={close}>
                      {t('action.cancel')}
                    </Button>
                  </div>
                </>
              )}
            </Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
    </span>
  );
}
