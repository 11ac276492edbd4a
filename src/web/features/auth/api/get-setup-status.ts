import { setupStatusSchema, type SetupStatus } from '../../../../contracts/auth';
export type { SetupStatus } from '../../../../contracts/auth';
import { request } from '../../../lib/api-client';

export function getSetupStatus(): Promise<SetupStatus> {
  return request('GET', '/api/setup', setupStatusSchema, { authRoute: true });
}
