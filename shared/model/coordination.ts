/** Coordinated action states (pure constant shared by the schemas and the coordination rules). */
export const COORDINATED_ACTION_STATUSES = [
  'pending',
  'acknowledged',
  'in_progress',
  'completed',
  'declined',
] as const;
export type CoordinatedActionStatus = (typeof COORDINATED_ACTION_STATUSES)[number];
