/** Contact rules (pure): coordination dimension, channel addresses, alternates. */
import * as z from 'zod/mini';
import { ValidationError } from '../../errors.js';
import type { ChannelType, Dimension, StakeholderGroup } from '../../schemas/contacts.js';
import { EXTERNAL_GROUPS, HORIZONTAL_GROUPS, VERTICAL_GROUPS } from '../../schemas/contacts.js';

const has = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/**
 * ISO/IEC 27035-4 coordination dimension of a contact: everyone outside the deploying organization
 * is external; inside it (`internal` units) executives, board, management and technical teams are
 * vertical, IT, legal, HR, PR, compliance and physical security horizontal.
 */
export function dimensionOf(group: StakeholderGroup, organizationKind: string): Dimension {
  if (organizationKind !== 'internal') return 'external';
  if (has(VERTICAL_GROUPS, group)) return 'vertical';
  if (has(HORIZONTAL_GROUPS, group)) return 'horizontal';
  return 'external';
}

/** An internal unit's contact cannot belong to an external stakeholder group (customers, regulators …). */
export function assertGroupFitsOrganization(group: StakeholderGroup, organizationKind: string): void {
  if (organizationKind === 'internal' && has(EXTERNAL_GROUPS, group)) {
    throw new ValidationError(`Stakeholder group ${group} is external; the organization is internal`, [
      {
        field: 'body.stakeholderGroup',
        message: `an internal organization's contacts are vertical (${VERTICAL_GROUPS.join(', ')}) or horizontal (${HORIZONTAL_GROUPS.join(', ')})`,
      },
    ]);
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;
const SQS_ARN = /^arn:aws(-[a-z]+)*:sqs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const email = z.email();

/** Why `address` is not valid for a channel of `type`, or undefined when it is. */
export function channelAddressProblem(
  type: ChannelType,
  address: string,
  options: { allowHttp: boolean },
): string | undefined {
  switch (type) {
    case 'email':
      return email.safeParse(address).success ? undefined : 'must be an e-mail address';
    case 'sms':
    case 'phone':
      return E164.test(address) ? undefined : 'must be an E.164 number such as +14155550100';
    case 'https': {
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        return 'must be an https:// URL';
      }
      const schemes = options.allowHttp ? ['https:', 'http:'] : ['https:'];
      if (!schemes.includes(url.protocol) || url.hostname === '') {
        return options.allowHttp ? 'must be an http(s):// URL' : 'must be an https:// URL';
      }
      if (url.username || url.password) return 'must not carry credentials';
      return undefined;
    }
    case 'sqs':
      return SQS_ARN.test(address)
        ? undefined
        : 'must be an SQS queue ARN such as arn:aws:sqs:eu-west-1:123456789012:liaison';
  }
}

/** Every channel address valid for its type, one primary channel at least, no duplicates. */
export function assertChannels(
  channels: readonly { type: ChannelType; address: string; priority: string }[],
  options: { allowHttp: boolean },
): void {
  const details = channels.flatMap((c, i) => {
    const problem = channelAddressProblem(c.type, c.address, options);
    const duplicate = channels.findIndex((o) => o.type === c.type && o.address === c.address) < i;
    return [
      ...(problem ? [{ field: `body.channels.${i}.address`, message: problem }] : []),
      ...(duplicate ? [{ field: `body.channels.${i}`, message: 'duplicate channel' }] : []),
    ];
  });
  if (!channels.some((c) => c.priority === 'primary')) {
    details.push({ field: 'body.channels', message: 'at least one channel must be primary' });
  }
  if (details.length > 0) throw new ValidationError('Invalid channels', details);
}

/** Alternates: not the contact itself, not twice. (Existence is checked against the table.) */
export function assertAlternatesShape(contactId: string, alternates: readonly string[]): void {
  const details = alternates.flatMap((id, i) =>
    id === contactId
      ? [{ field: `body.alternates.${i}`, message: 'a contact cannot be its own alternate' }]
      : alternates.indexOf(id) < i
        ? [{ field: `body.alternates.${i}`, message: `duplicate of ${id}` }]
        : [],
  );
  if (details.length > 0) throw new ValidationError('Invalid alternates', details);
}

/** When the next verification is due: `intervalDays` after the last one (or after creation). */
export const nextVerificationDue = (from: string, intervalDays: number): string =>
  new Date(Date.parse(from) + intervalDays * 86_400_000).toISOString();
