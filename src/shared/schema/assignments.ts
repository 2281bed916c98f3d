import * as z from 'zod/mini';
import { recordId } from './common.ts';

/**
 * `PUT|DELETE /api/clients/:clientId/assignments/:accountId`: a counsellor gives a member of municipal staff access to
 * one client (and that client's notes and conflicts), or takes it back.
 */
export const assignmentParams = z.object({ clientId: recordId, accountId: recordId });
export type AssignmentParams = z.output<typeof assignmentParams>;
