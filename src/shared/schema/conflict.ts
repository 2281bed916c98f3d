import * as z from 'zod/mini';
import { hlcStamp, recordId } from './common.ts';

export const conflictResolutions = ['open', 'keptCurrent', 'tookOther'] as const;

/**
 * A concurrent edit that lost the last-writer-wins merge. The server writes one when two devices changed the same
 * field without seeing each other's edit; people settle it in the UI by setting `resolution`.
 */
export const conflictFields = z.object({
  recordType: z.enum(['client']),
  recordId,
  clientId: recordId,
  field: z.string().check(z.minLength(1), z.maxLength(64)),
  loserValue: z.json(),
  loserHlc: hlcStamp,
  winnerHlc: hlcStamp,
  resolution: z.enum(conflictResolutions, { error: 'invalidChoice' }),
});

export type ConflictFields = z.infer<typeof conflictFields>;
