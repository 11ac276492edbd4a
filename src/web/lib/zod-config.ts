/**
 * The server's Content-Security-Policy forbids eval. Zod probes for it with `new Function` when
 * schemas are built, and the browser reports a CSP violation on every page; jitless mode skips
 * the probe. Imported first by main.tsx, before any module builds a schema.
 */
import { z } from 'zod';

z.config({ jitless: true });
