import { z } from 'zod';
import { request } from '../../../lib/api-client';
import { invalidate } from '../../../lib/query';
import { PORTFOLIO_KEYS, keys } from '../../../lib/query-keys';

/** The answer's body is not specified by the contract: anything is accepted. */
const responseSchema = z.unknown();

export async function loadDemo(): Promise<true> {
  await request('POST', '/api/demo', responseSchema);
  invalidate(...PORTFOLIO_KEYS, keys.imports, keys.settings);
  return true;
}
