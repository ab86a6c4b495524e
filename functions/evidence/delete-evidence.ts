import { defaultDeps } from '../../shared/deps.js';
import { deleteEvidence } from '../../shared/domain/evidence/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/delete-evidence.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(
    await deleteEvidence(
      defaultDeps(),
      objectStoreDeps().objects,
      caller,
      params.incidentId,
      params.evidenceId,
      body,
    ),
  ),
);
