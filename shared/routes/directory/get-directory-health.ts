/** The route entry of `functions/directory/get-directory-health.ts` (listed in ./index.ts). */
import * as ver from '../../schemas/verification.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getDirectoryHealth',
  method: 'GET',
  path: '/directory/health',
  handler: 'directory/get-directory-health',
  roles: READERS,
  table: 'RO',
  summary: 'Verified / pending / stale contacts per organization and dimension, flags, last sweep',
  tag: 'verification',
  response: { status: 200, schema: ver.DirectoryHealth },
} as const satisfies Route;
