/** Whether this tab has let go of the device's database for another tab (see db/versionChange.ts). */
import { create } from 'zustand';
import type { Replacement } from '../db/versionChange.ts';

export const useDatabaseState = create<{ readonly replacedBy: Replacement | null }>(() => ({ replacedBy: null }));
