import * as z from 'zod/mini';

// Zod probes for eval (`new Function`) to compile faster parsers; the strict CSP forbids eval, and the probe alone
// would log a policy violation on every start. The interpreted parsers are fast enough for forms and sync pages.
z.config({ jitless: true });
