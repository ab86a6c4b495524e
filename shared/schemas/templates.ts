import { z } from 'zod';
import { Id, PageQuery, Text, TimestampOut, Tlp } from './common.js';
import { CHANNEL_TYPES, ChannelType, STAKEHOLDER_GROUPS } from './contacts.js';
import { ORGANIZATION_KINDS } from './organizations.js';

/** A template is written for a stakeholder group or an organization kind. */
export const Audience = z
  .enum([...new Set<string>([...STAKEHOLDER_GROUPS, ...ORGANIZATION_KINDS])] as [string, ...string[]])
  .meta({ description: 'A stakeholder group or an organization kind' });

const templateFields = {
  name: Text(200),
  audience: Audience,
  channelTypes: z
    .array(ChannelType)
    .min(1)
    .max(CHANNEL_TYPES.length)
    .refine((xs) => new Set(xs).size === xs.length, { message: 'lists a channel type twice' }),
  subject: Text(500).meta({ description: 'Mustache template; placeholders from the incident' }),
  body: z
    .string()
    .min(1)
    .max(20_000)
    .meta({ description: 'Mustache template; placeholders from the incident' }),
  maxTlp: Tlp.meta({ description: 'Highest TLP level of information this template may carry' }),
};

export const CreateTemplateBody = z
  .strictObject({ id: Id.optional(), ...templateFields })
  .meta({ id: 'CreateTemplate' });
export type CreateTemplateBody = z.infer<typeof CreateTemplateBody>;

export const UpdateTemplateBody = z
  .strictObject({
    name: templateFields.name.optional(),
    audience: templateFields.audience.optional(),
    channelTypes: templateFields.channelTypes.optional(),
    subject: templateFields.subject.optional(),
    body: templateFields.body.optional(),
    maxTlp: templateFields.maxTlp.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateTemplate', description: 'Creates a new, unapproved version' });
export type UpdateTemplateBody = z.infer<typeof UpdateTemplateBody>;

export const ApproveTemplateBody = z
  .strictObject({
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The version reviewed; 409 if it is no longer the latest. Default: the latest' }),
    note: Text(1000).optional(),
  })
  .meta({ id: 'ApproveTemplate' });
export type ApproveTemplateBody = z.infer<typeof ApproveTemplateBody>;

export const ListTemplatesQuery = z.strictObject({ ...PageQuery, audience: Audience.optional() });
export type ListTemplatesQuery = z.infer<typeof ListTemplatesQuery>;

export const TemplateVersionsQuery = z.strictObject({ ...PageQuery });
export type TemplateVersionsQuery = z.infer<typeof TemplateVersionsQuery>;

export const PreviewTemplateQuery = z.strictObject({
  incidentId: Id,
  version: z.coerce.number().int().min(1).optional().meta({ description: 'Default: the latest version' }),
});
export type PreviewTemplateQuery = z.infer<typeof PreviewTemplateQuery>;

const content = {
  name: z.string(),
  audience: Audience,
  channelTypes: z.array(ChannelType),
  subject: z.string(),
  body: z.string(),
  maxTlp: Tlp,
  placeholders: z.array(z.string()).meta({ description: 'Placeholder names used by subject and body' }),
};

export const TemplateVersion = z
  .object({
    templateId: z.string(),
    version: z.number().int(),
    ...content,
    createdAt: TimestampOut,
    createdBy: z.string(),
    approvedAt: TimestampOut.nullable(),
    approvedBy: z.string().nullable(),
    approvalNote: z.string().optional(),
  })
  .meta({ id: 'TemplateVersion' });
export type TemplateVersion = z.infer<typeof TemplateVersion>;

export const Template = z
  .object({
    id: z.string(),
    ...content,
    latestVersion: z.number().int().meta({ description: 'The version shown here (the newest)' }),
    approvedVersion: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Newest approved version: the one used to send; null until one is approved' }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
  })
  .meta({ id: 'Template' });
export type Template = z.infer<typeof Template>;

export const TemplatePreview = z
  .object({
    templateId: z.string(),
    version: z.number().int(),
    approved: z.boolean(),
    incidentId: z.string(),
    subject: z.string(),
    body: z.string(),
  })
  .meta({ id: 'TemplatePreview' });
export type TemplatePreview = z.infer<typeof TemplatePreview>;
