import { importListSchema, type ImportList } from '../../../../contracts/imports';
import { request } from '../../../lib/api-client';
import { useQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';

export type Imports = ImportList;

export function getImports(): Promise<Imports> {
  return request('GET', '/api/imports', importListSchema);
}

export function useImports() {
  return useQuery(keys.imports, getImports);
}
