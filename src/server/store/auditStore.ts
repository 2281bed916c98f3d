/**
 * The audit log (Act 906/2019 §17): `store.audit`. Only append and query exist, here and in the database, whose
 * triggers refuse UPDATE and DELETE on `audit_log`.
 */
import type { AuditAction, AuditEntry } from '#shared/schema/audit.ts';

export interface AuditFilter {
  readonly accountId?: string | undefined;
  readonly clientId?: string | undefined;
  readonly action?: AuditAction | undefined;
  /** Inclusive, ISO UTC as `toISOString()` writes it. */
  readonly from?: string | undefined;
  /** Exclusive. */
  readonly to?: string | undefined;
  /** Continue after this entry, in (`at`, `id`) order. */
  readonly after?: { readonly at: string; readonly id: string } | undefined;
  readonly limit: number;
}

export interface AuditStore {
  /**
   * Appends in its own small transaction, without the sync counter's lock. An entry whose id is logged already is
   * skipped; answers the ids that were new.
   */
  append(entries: readonly AuditEntry[]): Promise<string[]>;
  /** Entries matching the filter in (`at`, `id`) order, at most `limit`. */
  query(filter: AuditFilter): Promise<AuditEntry[]>;
}
