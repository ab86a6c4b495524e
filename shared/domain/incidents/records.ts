import type { Caller } from '../../model/caller.js';
import type { CreateEscalationBody, CreateLessonBody, Escalation, Lesson } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { bump } from './changes.js';
import { priorityAfterEscalation } from './priority.js';
import { assertIncidentOpen } from './rules.js';
import { mutate, type NewEntry } from './unit-of-work.js';

export function createEscalation(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateEscalationBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Escalation> {
  return mutate(
    deps,
    caller,
    incidentId,
    (current) => {
      assertIncidentOpen(current);
      const bumped = bump(current, 'escSeq');
      const escalation: Escalation = {
        escalationId: `ESC-${bumped.n}`,
        reason: body.reason,
        escalatedTo: body.escalatedTo,
        priority: body.priority,
        escalatedAt: deps.now().toISOString(),
        escalatedBy: caller.subject,
      };
      const priority = priorityAfterEscalation(current.priority, body.priority);
      const timeline: NewEntry[] = [
        {
          type: 'escalation.created',
          summary: `${escalation.escalationId} to ${body.escalatedTo} (${body.priority}): ${body.reason}`,
          data: {
            escalationId: escalation.escalationId,
            escalatedTo: body.escalatedTo,
            priority: body.priority,
          },
        },
      ];
      if (priority !== current.priority) {
        timeline.push({
          type: 'priority.changed',
          summary: `Priority ${current.priority} → ${priority}: critical escalation ${escalation.escalationId}`,
          data: {
            from: current.priority,
            to: priority,
            reason: 'critical escalation',
            escalationId: escalation.escalationId,
          },
        });
      }
      return {
        incident: { ...bumped.incident, priority },
        items: [deps.repos.incidents.newEscalation(incidentId, escalation)],
        timeline,
        result: escalation,
      };
    },
    rt.effects,
    { ifMatch, operation: 'createEscalation' },
  );
}

export function createLesson(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateLessonBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Lesson> {
  // Lessons learned are the one change a closed incident accepts.
  return mutate(
    deps,
    caller,
    incidentId,
    (current) => {
      const { n, incident } = bump(current, 'lessonSeq');
      const lesson: Lesson = {
        lessonId: `LESSON-${n}`,
        lesson: body.lesson,
        ...(body.category ? { category: body.category } : {}),
        ...(body.recommendation ? { recommendation: body.recommendation } : {}),
        recordedAt: deps.now().toISOString(),
        recordedBy: caller.subject,
      };
      return {
        incident,
        items: [deps.repos.incidents.newLesson(incidentId, lesson)],
        timeline: [
          {
            type: 'lesson.recorded',
            summary: `${lesson.lessonId}: ${body.lesson}`,
            data: { lessonId: lesson.lessonId },
          },
        ],
        result: lesson,
      };
    },
    rt.effects,
    { ifMatch, operation: 'createLesson' },
  );
}
