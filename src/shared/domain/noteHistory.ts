/**
 * Guidance notes are append-only, so a note is a chain of versions. The current version is the newest one that no
 * other version corrects; when two people corrected the same version at once, both stay in the history and the
 * newer one is shown.
 */
export interface VersionLike {
  readonly id: string;
  readonly writtenAt: string;
  readonly fields: { readonly rootId: string; readonly supersedesId: string | null };
}

export interface NoteThread<V extends VersionLike> {
  readonly rootId: string;
  readonly current: V;
  /** Every version, oldest first, the current one included. */
  readonly versions: readonly V[];
}

export function threadNotes<V extends VersionLike>(versions: readonly V[]): NoteThread<V>[] {
  const byRoot = new Map<string, V[]>();
  for (const v of versions) {
    const list = byRoot.get(v.fields.rootId) ?? [];
    list.push(v);
    byRoot.set(v.fields.rootId, list);
  }
  const threads: NoteThread<V>[] = [];
  for (const [rootId, list] of byRoot) {
    const corrected = new Set(list.map((v) => v.fields.supersedesId).filter((id) => id !== null));
    const ordered = [...list].sort((a, b) => (a.writtenAt < b.writtenAt ? -1 : a.writtenAt > b.writtenAt ? 1 : 0));
    const heads = ordered.filter((v) => !corrected.has(v.id));
    const current = heads.at(-1) ?? ordered.at(-1);
    if (current) threads.push({ rootId, current, versions: ordered });
  }
  return threads;
}
