/**
 * Message templates: the head (`TEMPLATE#<id>` / `#TEMPLATE`, listed by name and audience) and its
 * immutable versions (`V#<n>`, same item collection). The head's writes are conditioned on
 * `latestVersion` (templates have no `version` attribute).
 */
import type { Template, TemplateVersion } from '../../schemas/templates.js';
import { keys, templateIndexKeys } from '../keys.js';
import type { TransactItem } from '../transact.js';
import { defineEntity } from './entity.js';

export const templateEntity = defineEntity<Template>({
  entity: 'template',
  keyOf: (t) => keys.template(t.id),
  indexKeysOf: templateIndexKeys,
});

export const templateVersionEntity = defineEntity<TemplateVersion>({
  entity: 'templateVersion',
  keyOf: (v) => keys.templateVersion(v.templateId, v.version),
});

/** A Put of the head conditioned on the latest version read. */
export const replaceTemplateHead = (
  tableName: string,
  t: Template,
  expectedLatest: number,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: templateEntity.toItem(t),
    ConditionExpression: 'latestVersion = :n',
    ExpressionAttributeValues: { ':n': expectedLatest },
  },
});

/** A Put of a version that records its approval (fails when it was approved meanwhile). */
export const approveTemplateVersion = (tableName: string, v: TemplateVersion): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: templateVersionEntity.toItem(v),
    ConditionExpression: 'attribute_exists(pk) AND approvedAt = :none',
    ExpressionAttributeValues: { ':none': null },
  },
});
