import type { TFunction } from 'i18next';
import type { RequestErrorCode } from '#shared/errors.ts';
import { ApiError } from '../../platform/apiRequest.ts';

export function errorCodeOf(err: unknown): RequestErrorCode {
  return err instanceof ApiError ? err.code : 'serverError';
}

/**
 * A failed request to the server, for the person (online-only screens: administration, a client's data). The shared `network` text promises that changes are safe on the device,
 * which is true of synced records but not of these actions: those never happened, so they get their own text.
 */
export function requestErrorText(t: TFunction, code: RequestErrorCode): string {
  return code === 'network' ? t('common:online.unreachable') : t(`errors:${code}`);
}
