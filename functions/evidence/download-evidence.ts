import { defaultDeps } from '../../shared/deps.js';
import { downloadEvidence } from '../../shared/domain/evidence/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/download-evidence.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(
    await downloadEvidence(
      defaultDeps(),
      objectStoreDeps().objects,
      caller,
      params.incidentId,
      params.evidenceId,
      body,
    ),
  ),
);
