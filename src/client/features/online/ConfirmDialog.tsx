import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { RequestErrorCode } from '#shared/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { errorCodeOf, requestErrorText } from './requestError.ts';

interface ConfirmDialogProps {
  /** The button that opens the dialog. */
  readonly trigger: string;
  readonly title: ReactNode;
  readonly explanation: string;
  readonly confirm: string;
  /** Rejects with an ApiError when the server refuses; the dialog then stays open and says why. */
  readonly onConfirm: () => Promise<void>;
  readonly isDisabled?: boolean;
}

/**
 * An action that cannot be taken back by accident: the button opens a dialog that says what will happen, and
 * only its confirm button does it. The dialog closes when the server has done it.
 */
export function ConfirmDialog({ trigger, title, explanation, confirm, onConfirm, isDisabled = false }: ConfirmDialogProps) {
  const { t } = useTranslation(['common', 'errors']);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<RequestErrorCode | null>(null);
  return (
    <DialogTrigger onOpenChange={() => setError(null)}>
      <Button variant="secondary" isDisabled={isDisabled}>
        {trigger}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!working}>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                <p>{explanation}</p>
                {error !== null && (
                  <p role="alert" className="form-error">
                    {requestErrorText(t, error)}
                  </p>
                )}
                <div className="form-actions">
                  <Button
                    isDisabled={working}
                    onPress={() => {
                      setWorking(true);
                      setError(null);
                      onConfirm().then(
                        () => {
                          setWorking(false);
                          close();
                        },
                        (err: unknown) => {
                          setWorking(false);
                          setError(errorCodeOf(err));
                        },
                      );
                    }}
                  >
                    {working ? t('online.working') : confirm}
                  </Button>
                  <Button variant="secondary" onPress={close} isDisabled={working}>
                    {t('action.cancel')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
