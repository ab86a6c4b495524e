/** The route entry of `functions/incidents/create-lesson.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createLesson',
  method: 'POST',
  path: '/incidents/{incidentId}/lessons-learned',
  handler: 'incidents/create-lesson',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record a lesson learned (allowed on closed incidents)',
  tag: 'incidents',
  body: inc.CreateLessonBody,
  response: { status: 201, schema: inc.Lesson },
} as const satisfies Route;
