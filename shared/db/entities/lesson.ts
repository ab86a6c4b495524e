/** The lesson item `INC#<incId>` / `LESSON#<n>` (Lesson, numbered by the incident's counter). */
import type { Lesson } from '../../schemas/incidents.js';
import { keys } from '../keys.js';
import { childNumber } from './children.js';
import { defineEntity } from './entity.js';

export type StoredLesson = Lesson & { readonly incidentId: string };

export const lessonEntity = defineEntity<StoredLesson>({
  entity: 'lesson',
  keyOf: (c) => keys.lesson(c.incidentId, childNumber(c.lessonId)),
});
