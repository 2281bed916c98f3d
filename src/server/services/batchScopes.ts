/**
 * The client scopes one push works with: as the store holds them, then updated as the batch's client writes are
 * applied, so a client inserted early in a batch can take notes later in the same batch, and a move applies to the
 * entries after it. At the end it tells which clients moved: their projection rows to write and their records to
 * re-sequence.
 */
import { municipalities, type Municipality } from '#shared/schema/common.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { ClientScope } from '../store/clientAccess.ts';

function homeMunicipalityOf(state: RecordState): Municipality | undefined {
  const value = state.data['homeMunicipality'];
  return typeof value === 'string' && (municipalities as readonly string[]).includes(value) ? (value as Municipality) : undefined;
}

export class BatchScopes {
  private readonly stored: ReadonlyMap<string, ClientScope>;
  private readonly current: Map<string, ClientScope>;

  constructor(scopes: readonly ClientScope[]) {
    this.stored = new Map(scopes.map((s) => [s.clientId, s]));
    this.current = new Map(this.stored);
  }

  get(clientId: string): ClientScope | undefined {
    return this.current.get(clientId);
  }

  /**
   * A client record's merged state after an applied entry. A tombstone has no municipality left and keeps the one
   * it had, so the client's remaining records stay with the people who could see them.
   */
  applyClientState(state: RecordState): void {
    const municipality = homeMunicipalityOf(state);
    if (municipality === undefined) return;
    const before = this.current.get(state.id);
    this.current.set(state.id, { clientId: state.id, municipality, assignees: before?.assignees ?? [], erased: before?.erased ?? false });
  }

  /** Clients whose home municipality now differs from the store's (new clients included). */
  moved(): { clientId: string; municipality: Municipality }[] {
    return [...this.current.values()]
      .filter((s) => this.stored.get(s.clientId)?.municipality !== s.municipality)
      .map((s) => ({ clientId: s.clientId, municipality: s.municipality }));
  }

  /** Whether a client the store knew now has another home municipality: its old readers lose it. */
  movedAway(): boolean {
    return [...this.current.values()].some((s) => {
      const before = this.stored.get(s.clientId);
      return before !== undefined && before.municipality !== s.municipality;
    });
  }
}
