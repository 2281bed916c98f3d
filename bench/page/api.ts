/**
 * What the benchmark pages expose on `window`, shared by the page code and the Node driver (types only: the driver
 * calls these through page.evaluate).
 */
import type { NoteFields } from '../../src/shared/schema/note.ts';

export interface SignInArgs {
  readonly username: string;
  readonly password: string;
  /** Sign in as the device of this database; null for a new device (the floor, which has no device clock). */
  readonly dbName: string | null;
}

export interface SaveArgs {
  readonly dbName: string;
  readonly notes: readonly NoteFields[];
  /** A bare Dexie put of each plain record instead of the data layer's save. */
  readonly bare: boolean;
}

export interface SaveResult {
  readonly perSave: readonly number[];
  readonly totalMs: number;
}
export interface FirstSyncArgs {
  readonly dbName: string;
  /** The id of the last record the server holds: the sync is done when it is stored. */
  readonly lastId: string;
}

export interface FirstSyncResult {
  /** From before opening the database to the last record committed. */
  readonly ms: number;
  readonly stored: number;
  readonly lastStored: boolean;
}

export interface FloorResult extends FirstSyncResult {
  readonly downloadMs: number;
  readonly writeMs: number;
  readonly pages: number;
}

/** Where Silta's first sync spends its time: the same steps as pullChanges, one after another, each timed. */
export interface ProfileResult {
  readonly ms: number;
  /** Request sent → whole body received (server work, compression, transfer). */
  readonly fetchMs: number;
  readonly jsonParseMs: number;
  /** The transport's pullResponse.safeParse (zod) of each page. */
  readonly validateMs: number;
  /** applyServerRecords: bulkGet, merge, bulkPut, cursor and clock, one transaction per page. */
  readonly applyMs: number;
  readonly pages: number;
  readonly contentEncoding: string;
  readonly stored: number;
}

export interface IncrementalArgs {
  readonly deviceA: string;
  readonly deviceB: string;
  /** The record device A edits and device B must receive. */
  readonly recordId: string;
  readonly phone: string;
}

export interface IncrementalResult {
  /** Device A sending its one change to the server. */
  readonly pushMs: number;
  /** Device B fetching it and storing it. */
  readonly pullMs: number;
  readonly arrived: boolean;
}

export interface SiltaBenchApi {
  /** Signs in over the page's origin; resolves with the device id used. */
  signIn(args: SignInArgs): Promise<string>;
  siltaFirstSync(args: FirstSyncArgs): Promise<FirstSyncResult>;
  floorFirstSync(args: FirstSyncArgs): Promise<FloorResult>;
  siltaProfile(dbName: string): Promise<ProfileResult>;
  deleteDb(name: string): Promise<void>;
  /** Writes `count` new notes for a client through the app's own notesRepo (record + change-log entry each). */
  queueNotes(dbName: string, clientId: string, count: number): Promise<number>;
  push(dbName: string): Promise<{ readonly sent: number; readonly queuedAfter: number }>;
  pullAll(dbName: string): Promise<number>;
  incremental(args: IncrementalArgs): Promise<IncrementalResult>;
  saveNotes(args: SaveArgs): Promise<SaveResult>;
}

export interface PouchFirstSyncArgs extends FirstSyncArgs {
  readonly remote: string;
}

export interface PouchFirstSyncResult extends FirstSyncResult {
  readonly requests: number;
}

export interface PouchIncrementalArgs extends IncrementalArgs {
  readonly remote: string;
}

export interface PouchIncrementalResult extends IncrementalResult {
  readonly requests: number;
}

export interface PouchBenchApi {
  firstSync(args: PouchFirstSyncArgs): Promise<PouchFirstSyncResult>;
  destroy(dbName: string): Promise<void>;
  pullAll(remote: string, dbName: string): Promise<number>;
  incremental(args: PouchIncrementalArgs): Promise<PouchIncrementalResult>;
}

/** What the app's screen must show (P3's probe): every given condition at once. */
export interface Expected {
  /** Clients in the list (which renders only the rows in view: see probe.ts). */
  readonly cards?: number;
  /** Notes on a client's page (windowed like the clients). */
  readonly notes?: number;
  /** The search box's value. */
  readonly query?: string;
}

export interface Timing {
  /** Until the `gone` element left the document (click only; 0 otherwise). */
  readonly goneMs: number;
  /** Until the app marked the data key ready (`silta:key-ready`, after a PIN's key derivation; 0 if it did not). */
  readonly keyReadyMs: number;
  /** Until the first frame painted with the expected screen. */
  readonly shownMs: number;
  /** Until no normal-priority work was left (React's rendering included). */
  readonly settledMs: number;
}

export interface DeviceCounts {
  readonly clients: number;
  readonly notes: number;
  /** The sync panel shows a sync running. */
  readonly syncing: boolean;
  /** The sync panel shows an error. */
  readonly failed: boolean;
}

export interface ProbeApi {
  deviceCounts(): Promise<DeviceCounts>;
  click(target: Element, expected: Expected, gone?: Element): Promise<Timing>;
  /** An in-app navigation, as the app's links make one (history.pushState, then popstate). */
  navigate(path: string, expected: Expected): Promise<Timing>;
  /** Times the next keydown in the page; `keyed` resolves with its timing. */
  armKey(expected: Expected): void;
  keyed(): Promise<Timing>;
}

declare global {
  interface Window {
    siltaBench?: SiltaBenchApi;
    pouchBench?: PouchBenchApi;
    siltaProbe?: ProbeApi;
  }
}
