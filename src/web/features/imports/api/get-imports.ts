import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export const importsSchema = z.object({
  imports: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['clients', 'gigs']),
      file: z.string(),
      rows: z.number(),
      imported: z.number(),
      updated: z.number(),
      duplicates: z.number(),
      rejected: z.number(),
      createdAt: z.string(),
      undoable: z.boolean(),
    }),
  ),
});
export type Imports = z.infer<typeof importsSchema>;

export function getImports(): Promise<Imports> {
  return request('GET', '/api/imports', importsSchema);
}

export function useImports() {
  return useQuery(keys.imports, getImports);
}
