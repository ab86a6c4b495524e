import * as z from 'zod/mini';
import { Id, meta, PageQuery, Text, TimestampOut, Tlp } from './common.js';
import { CHANNEL_TYPES, ChannelType, STAKEHOLDER_GROUPS } from './contacts.js';
import { ORGANIZATION_KINDS } from './organizations.js';

/** A template is written for a stakeholder group or an organization kind. */
export const Audience = meta(
  z.enum([...new Set<string>([...STAKEHOLDER_GROUPS, ...ORGANIZATION_KINDS])] as [string, ...string[]]),
  { description: 'A stakeholder group or an organization kind' },
);

const templateFields = {
  name: Text(200),
  audience: Audience,
  channelTypes: z.array(ChannelType).check(
    z.minLength(1),
    z.maxLength(CHANNEL_TYPES.length),
    z.refine((xs) => new Set(xs).size === xs.length, { message: 'lists a channel type twice' }),
  ),
  subject: meta(Text(500), { description: 'Mustache template; placeholders from the incident' }),
  body: meta(z.string().check(z.minLength(1), z.maxLength(20_000)), {
    description: 'Mustache template; placeholders from the incident',
  }),
  maxTlp: meta(Tlp, { description: 'Highest TLP level of information this template may carry' }),
};

export const CreateTemplateBody = meta(z.strictObject({ id: z.optional(Id), ...templateFields }), {
  id: 'CreateTemplate',
});
export type CreateTemplateBody = z.infer<typeof CreateTemplateBody>;

export const UpdateTemplateBody = meta(
  z
    .strictObject({
      name: z.optional(templateFields.name),
      audience: z.optional(templateFields.audience),
      channelTypes: z.optional(templateFields.channelTypes),
      subject: z.optional(templateFields.subject),
      body: z.optional(templateFields.body),
      maxTlp: z.optional(templateFields.maxTlp),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateTemplate', description: 'Creates a new, unapproved version' },
);
export type UpdateTemplateBody = z.infer<typeof UpdateTemplateBody>;

export const ApproveTemplateBody = meta(
  z.strictObject({
    version: meta(z.optional(z.number().check(z.int(), z.minimum(1))), {
      description: 'The version reviewed; 409 if it is no longer the latest. Default: the latest',
    }),
    note: z.optional(Text(1000)),
  }),
  { id: 'ApproveTemplate' },
);
export type ApproveTemplateBody = z.infer<typeof ApproveTemplateBody>;

export const ListTemplatesQuery = z.strictObject({ ...PageQuery, audience: z.optional(Audience) });
export type ListTemplatesQuery = z.infer<typeof ListTemplatesQuery>;

export const TemplateVersionsQuery = z.strictObject({ ...PageQuery });
export type TemplateVersionsQuery = z.infer<typeof TemplateVersionsQuery>;

export const PreviewTemplateQuery = z.strictObject({
  incidentId: Id,
  version: meta(z.optional(z.coerce.number().check(z.int(), z.minimum(1))), {
    description: 'Default: the latest version',
  }),
});
export type PreviewTemplateQuery = z.infer<typeof PreviewTemplateQuery>;

const content = {
  name: z.string(),
  audience: Audience,
  channelTypes: z.array(ChannelType),
  subject: z.string(),
  body: z.string(),
  maxTlp: Tlp,
  placeholders: meta(z.array(z.string()), { description: 'Placeholder names used by subject and body' }),
};

export const TemplateVersion = meta(
  z.object({
    templateId: z.string(),
    version: z.number().check(z.int()),
    ...content,
    createdAt: TimestampOut,
    createdBy: z.string(),
    approvedAt: z.nullable(TimestampOut),
    approvedBy: z.nullable(z.string()),
    approvalNote: z.optional(z.string()),
  }),
  { id: 'TemplateVersion' },
);
export type TemplateVersion = z.infer<typeof TemplateVersion>;

export const Template = meta(
  z.object({
    id: z.string(),
    ...content,
    latestVersion: meta(z.number().check(z.int()), { description: 'The version shown here (the newest)' }),
    approvedVersion: meta(z.nullable(z.number().check(z.int())), {
      description: 'Newest approved version: the one used to send; null until one is approved',
    }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  }),
  { id: 'Template' },
);
export type Template = z.infer<typeof Template>;

export const TemplatePreview = meta(
  z.object({
    templateId: z.string(),
    version: z.number().check(z.int()),
    approved: z.boolean(),
    incidentId: z.string(),
    subject: z.string(),
    body: z.string(),
  }),
  { id: 'TemplatePreview' },
);
export type TemplatePreview = z.infer<typeof TemplatePreview>;
