/** Downloads (docs/api.md « Exports and report »): their queries; the answers are files. */
import { z } from 'zod';
import { isoDate } from './common';

export const csvExportParamsSchema = z.strictObject({ what: z.enum(['clients', 'gigs']) });
export const reportQuerySchema = z.strictObject({ asOf: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() });
export type ReportQuery = z.infer<typeof reportQuerySchema>;
