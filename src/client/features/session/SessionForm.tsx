import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '#shared/errors.ts';
import { Button } from '../../ui/Button.tsx';

interface SessionFormProps {
  readonly title: string;
  readonly intro: ReactNode;
  readonly submitLabel: string;
  readonly workingLabel: string;
  readonly working: boolean;
  /** A failure of the whole form (wrong password, network), announced as an alert. */
  readonly failure: ErrorCode | null;
  /** Called with the form, so a screen can move focus to its first invalid field. */
  readonly onSubmit: (form: HTMLFormElement) => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
}

let screenShownBefore = false;

/** The frame every sign-in and unlock screen shares: heading, explanation, fields, one button, progress. */
export function SessionForm({ title, intro, submitLabel, workingLabel, working, failure, onSubmit, children, footer }: SessionFormProps) {
  const { t } = useTranslation('errors');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A screen that replaces another without a page load starts a screen reader and the Tab order at its
    // heading; the first one after a load leaves focus where the browser puts it (the skip link comes first).
    if (screenShownBefore) heading.current?.focus();
    screenShownBefore = true;
  }, []);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!working) onSubmit(event.currentTarget);
  }
  return (
    <section className="session-screen" aria-labelledby="session-heading">
      <h1 id="session-heading" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p>{intro}</p>
      <form className="form" onSubmit={submit} noValidate>
        {children}
        {failure !== null && (
          <p className="form-error" role="alert">
            {t(`errors:${failure}`)}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" isDisabled={working}>
            {submitLabel}
          </Button>
        </div>
        {working && (
          <p role="status" className="session-working">
            {workingLabel}
          </p>
        )}
      </form>
      {footer}
    </section>
  );
}
