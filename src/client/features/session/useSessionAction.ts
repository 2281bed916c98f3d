/**
 * Runs one sign-in, PIN or unlock action: shows "working…" while the key derivation runs (it takes about a
 * second on a tablet), and turns a failure into an error code for the form.
 */
import { useState } from 'react';
import { toErrorCode, type ErrorCode } from '#shared/errors.ts';
import { ApiError } from '../../platform/apiRequest.ts';

export function useSessionAction() {
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<ErrorCode | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    setWorking(true);
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(err instanceof ApiError ? err.code : toErrorCode(err instanceof Error ? err.message : undefined, 'serverError'));
    } finally {
      setWorking(false);
    }
  }

  return { working, failure, setFailure, run };
}
