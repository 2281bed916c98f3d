/** The little of pouchdb-browser's API the benchmark uses (the package ships no types). */
declare module 'pouchdb-browser' {
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    [field: string]: unknown;
  }
  export interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
  }
  export interface DatabaseInfo {
    doc_count: number;
    db_name: string;
  }
  export interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
  }
  export default class PouchDB {
    constructor(name: string);
    info(): Promise<DatabaseInfo>;
    get(id: string): Promise<PouchDoc>;
    put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
    close(): Promise<void>;
    destroy(): Promise<unknown>;
    replicate: {
      to(target: PouchDB | string, options?: ReplicateOptions): Promise<ReplicationResult>;
      from(source: PouchDB | string, options?: ReplicateOptions): Promise<ReplicationResult>;
    };
  }
}
