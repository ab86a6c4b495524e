import { defaultDeps } from '../../shared/deps.js';
import { confirmEvidenceUpload } from '../../shared/domain/evidence/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/confirm-evidence-upload.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(
    await confirmEvidenceUpload(
      defaultDeps(),
      objectStoreDeps().objects,
      caller,
      params.incidentId,
      params.evidenceId,
      body.note,
    ),
  ),
);
