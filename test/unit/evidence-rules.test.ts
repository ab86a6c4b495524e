/** Pure rules of the evidence register and of legal and disclosure holds (shared/domain/evidence/rules.ts). */
import { describe, expect, it } from 'vitest';
import type { ActiveHold } from '../../shared/db/entities/incident.js';
import {
  assertNotHeld,
  checkUpload,
  decideDisclosure,
  heldAudiences,
  legalHoldsOn,
} from '../../shared/domain/evidence/rules.js';
import { ConflictError, ForbiddenError, UnprocessableError } from '../../shared/errors.js';
import type { Caller } from '../../shared/model/caller.js';

const caller = (role: Caller['roles'][number]): Caller => ({
  subject: role,
  organization: 'acme',
  roles: [role],
});

const holds: ActiveHold[] = [
  { holdId: 'HOLD-1', kind: 'legal', evidenceId: 'EVD-2' },
  { holdId: 'HOLD-2', kind: 'disclosure', audiences: ['customers', 'public'] },
];

describe('legal holds', () => {
  it('an item-level hold covers that item only; an incident-level hold covers every item', () => {
    expect(legalHoldsOn(holds, 'EVD-2')).toEqual(['HOLD-1']);
    expect(legalHoldsOn(holds, 'EVD-1')).toEqual([]);
    const incidentWide: ActiveHold[] = [...holds, { holdId: 'HOLD-3', kind: 'legal' }];
    expect(legalHoldsOn(incidentWide, 'EVD-1')).toEqual(['HOLD-3']);
    expect(legalHoldsOn(incidentWide, 'EVD-2')).toEqual(['HOLD-1', 'HOLD-3']);
    expect(legalHoldsOn(undefined, 'EVD-1')).toEqual([]);
  });

  it('a held item is refused with 409 LEGAL_HOLD naming the holds; a disclosure hold does not hold evidence', () => {
    expect(() => assertNotHeld(holds, 'EVD-1', 'deleted')).not.toThrow();
    try {
      assertNotHeld(holds, 'EVD-2', 'deleted');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('LEGAL_HOLD');
      expect((error as ConflictError).details).toEqual([
        { field: 'path.evidenceId', message: 'held by HOLD-1', holdId: 'HOLD-1' },
      ]);
    }
  });
});

describe('disclosure holds', () => {
  it('default to customers, media and public', () => {
    expect(heldAudiences(undefined)).toEqual(['customers', 'media', 'public']);
    expect(heldAudiences(['regulators', 'regulators'])).toEqual(['regulators']);
  });

  it('refuse outbound communications to a held audience with 409 DISCLOSURE_HOLD', () => {
    expect(() =>
      decideDisclosure(caller('coordinator'), holds, { direction: 'outbound', audience: 'customers' }),
    ).toThrow(expect.objectContaining({ code: 'DISCLOSURE_HOLD', status: 409 }));
  });

  it('let through inbound ones, other audiences, and the default audience (partners)', () => {
    expect(
      decideDisclosure(caller('coordinator'), holds, { direction: 'inbound', audience: 'customers' }),
    ).toEqual({
      allowed: true,
    });
    expect(
      decideDisclosure(caller('coordinator'), holds, { direction: 'outbound', audience: 'regulators' }),
    ).toEqual({
      allowed: true,
    });
    expect(decideDisclosure(caller('coordinator'), holds, { direction: 'outbound' })).toEqual({
      allowed: true,
    });
  });

  it('an admin may override with a reason (returned for the record); anyone else gets 403', () => {
    expect(
      decideDisclosure(caller('admin'), holds, {
        direction: 'outbound',
        audience: 'public',
        overrideReason: 'safety',
      }),
    ).toEqual({ allowed: true, override: { holds: ['HOLD-2'], reason: 'safety' } });
    expect(() =>
      decideDisclosure(caller('coordinator'), holds, {
        direction: 'outbound',
        audience: 'public',
        overrideReason: 'x',
      }),
    ).toThrow(ForbiddenError);
  });
});

describe('upload check', () => {
  const registered = { sha256: 'a'.repeat(64), size: 10 };
  it('accepts the registered file', () => {
    expect(() => checkUpload(registered, { sha256: 'a'.repeat(64), size: 10 })).not.toThrow();
  });
  it('refuses another hash or size with 422 EVIDENCE_HASH_MISMATCH naming what differs', () => {
    try {
      checkUpload(registered, { sha256: 'b'.repeat(64), size: 11 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as UnprocessableError).code).toBe('EVIDENCE_HASH_MISMATCH');
      expect((error as UnprocessableError).details.map((d) => d.field)).toEqual([
        'object.size',
        'object.sha256',
      ]);
    }
  });
});
