/** The directory roles a token may carry (pure constant; `shared/routes.ts` re-exports it). */
export const ROLES = ['admin', 'coordinator', 'responder', 'viewer', 'partner'] as const;
export type Role = (typeof ROLES)[number];
