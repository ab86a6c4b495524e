/**
 * The cross-field rules of a communication live in its schema (`CreateCommunicationBody`): each
 * problem is a 400 detail on its field, and the OpenAPI document shows the rules.
 */
import { describe, expect, it } from 'vitest';
import { issuesToDetails } from '../../shared/http/request.js';
import { buildOpenApi } from '../../shared/openapi.js';
import { CreateCommunicationBody, CreateIncidentBody } from '../../shared/schemas/incidents.js';

const details = (body: unknown) => {
  const result = CreateCommunicationBody.safeParse(body);
  return result.success ? [] : issuesToDetails('body', result.error);
};

const recorded = {
  type: 'email',
  direction: 'inbound',
  subject: 's',
  content: 'c',
  sentTo: ['a@example.org'],
};

describe('CreateCommunicationBody cross-field rules', () => {
  it('accepts a recorded communication and an outbound one with a template', () => {
    expect(details(recorded)).toEqual([]);
    expect(
      details({
        type: 'email',
        direction: 'outbound',
        recipients: { contacts: ['CON-1'] },
        templateId: 'TPL-1',
      }),
    ).toEqual([]);
  });

  it('names each field with the same messages the service gave', () => {
    expect(details({ ...recorded, recipients: { contacts: ['CON-1'] } })).toEqual([
      { field: 'body.recipients', message: 'only outbound communications have recipients' },
    ]);
    expect(details({ type: 'email', direction: 'inbound', templateId: 'TPL-1' })).toEqual([
      { field: 'body.sentTo', message: 'required unless recipients are given' },
      { field: 'body.templateId', message: 'a template is used for outbound recipients only' },
    ]);
    expect(details({ type: 'email', direction: 'outbound', recipients: { contacts: ['CON-1'] } })).toEqual([
      { field: 'body.subject', message: 'required without a template' },
      { field: 'body.content', message: 'required without a template' },
    ]);
  });

  it('field-level problems come first: the cross-field rules run on a well-formed body', () => {
    expect(details({ ...recorded, direction: 'sideways' }).map((d) => d.field)).toEqual(['body.direction']);
  });

  it('OpenAPI shows the rules on the CreateCommunication schema', () => {
    const doc = buildOpenApi() as unknown as {
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    const schema = doc.components.schemas.CreateCommunication as Record<string, unknown>;
    expect(schema.description).toContain('sentTo is required unless recipients are given');
    expect(schema['x-cross-field-rules']).toHaveLength(4);
    expect(schema['x-cross-field-rules']).toContainEqual({
      field: 'templateId',
      rule: 'templateId only together with recipients',
    });
  });
});

describe('CreateIncidentBody: each affected third party once', () => {
  it('is a 400 detail on the repeated index', () => {
    const result = CreateIncidentBody.safeParse({
      title: 't',
      description: 'd',
      severity: 'low',
      category: 'c',
      affectedThirdParties: ['TP-1', 'TP-2', 'TP-1'],
    });
    expect(result.success).toBe(false);
    expect(result.success ? [] : issuesToDetails('body', result.error)).toEqual([
      { field: 'body.affectedThirdParties.2', message: 'duplicate of TP-1' },
    ]);
  });
});
