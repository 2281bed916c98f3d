/**
 * What the store keeps for access control: each client's home municipality (`client_access`) and the staff assigned
 * to it (`client_assignments`). Both are projections the services keep in step inside the write transactions that
 * change them, so a pull can filter by them in SQL and its pages and counts stay exact.
 */
import type { Municipality } from '#shared/schema/common.ts';
import type { RecordType } from '#shared/schema/records.ts';
import type { StoredRecord } from './types.ts';

/** What access control knows of one client. A client without a scope is known to nobody but the system. */
export interface ClientScope {
  readonly clientId: string;
  readonly municipality: Municipality;
  /** Accounts of municipal staff assigned to this client. */
  readonly assignees: readonly string[];
  /** The client was erased: its records are tombstones and nothing may be written for it again. */
  readonly erased: boolean;
}

/** Which records an actor may read, as a filter the database applies: `client_id IN (SELECT …)` for the first two. */
export type ReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'municipalities'; readonly municipalities: readonly Municipality[] }
  | { readonly kind: 'assignedTo'; readonly accountId: string }
  | { readonly kind: 'record'; readonly recordType: RecordType; readonly recordId: string };

export interface Assignment {
  readonly clientId: string;
  readonly accountId: string;
  readonly assignedBy: string;
  readonly assignedAt: string;
}

/** Reads an access decision needs, in a read or a write transaction. */
export interface ClientAccessReads {
  findRecords(ids: readonly string[]): Promise<StoredRecord[]>;
  /** The scopes of those of these clients the store knows. */
  clientScopes(clientIds: readonly string[]): Promise<ClientScope[]>;
  /** Every record that belongs to this client (its own record included), tombstones too, in seq order. */
  recordsOfClient(clientId: string): Promise<StoredRecord[]>;
}

export interface ClientAccessWrites extends ClientAccessReads {
  setClientMunicipalities(scopes: readonly { readonly clientId: string; readonly municipality: Municipality }[]): Promise<void>;
  /**
   * Gives every record of these clients a new sequence number from this transaction, in their old order, so devices
   * that have just gained access pull the clients' whole history after their cursor.
   */
  resequenceClients(clientIds: readonly string[]): Promise<void>;
  /** false when the assignment existed already. */
  addAssignment(assignment: Assignment): Promise<boolean>;
  /** false when there was no such assignment. */
  removeAssignment(clientId: string, accountId: string): Promise<boolean>;
  markClientErased(clientId: string, at: string): Promise<void>;
}
