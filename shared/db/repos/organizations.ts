/**
 * Organizations and third parties (`shared/db/entities/organization.ts`, one item type, one id
 * space) and their sharing agreements (`entities/agreement.ts`, in the organization's item
 * collection). The organization↔incident link items belong to the incidents repository.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type ErrorDetail, NotFoundError, ValidationError } from '../../errors.js';
import type { TableContext } from '../context.js';
import { agreementEntity, type StoredAgreement } from '../entities/agreement.js';
import {
  organizationEntity,
  organizationExists,
  type StoredOrganization,
  type StoredThirdParty,
} from '../entities/organization.js';
import { keys, listQueries, orgPk, prefixes } from '../keys.js';
import { queryAll, queryIndexPage } from '../pagination.js';
import {
  alreadyExists,
  concurrentUpdate,
  explainParts,
  partItems,
  putOne,
  TransactionConflict,
  TransactPart,
  transactWrite,
} from '../transact.js';
import { unusableContacts } from './contacts.js';

export type { StoredAgreement } from '../entities/agreement.js';
export type {
  StoredOrganization,
  StoredOtherOrganization,
  StoredReferences,
  StoredThirdParty,
} from '../entities/organization.js';

type Page<T> = { items: T[]; nextCursor: string | null };

/** An organization id a request names, with the field that names it (for a 400). */
export interface OrganizationRef {
  readonly id: string;
  readonly field: string;
}

export interface OrganizationsRepository {
  /** The organization (any kind), undefined when unknown. */
  get(id: string, consistent?: boolean): Promise<StoredOrganization | undefined>;
  /** Creates it (409 ALREADY_EXISTS when the id is taken, as organization or third party). */
  create(org: StoredOrganization): Promise<void>;
  /**
   * Replaces the organization read at `expectedVersion`, with the contacts' reference changes
   * (`ContactsRepository.referenceParts`) in the same transaction: a refused reference → 400 naming
   * its field; a changed organization → 409 CONCURRENT_UPDATE (retried).
   */
  replace(next: StoredOrganization, expectedVersion: number, refs: readonly TransactPart[]): Promise<void>;
  list(query: {
    kind?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<StoredOrganization>>;
  listThirdParties(query: {
    criticality?: string | undefined;
    type?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<StoredThirdParty>>;
  /** The organization and its agreements (one Query on its item collection); undefined when unknown. */
  withAgreements(
    id: string,
  ): Promise<{ organization: StoredOrganization; agreements: StoredAgreement[] } | undefined>;
  /** One agreement (consistent), undefined when unknown. */
  getAgreement(organizationId: string, agreementId: string): Promise<StoredAgreement | undefined>;
  /** Creates the agreement: 404 when its organization is unknown, 409 ALREADY_EXISTS when its id is taken. */
  createAgreement(agreement: StoredAgreement): Promise<void>;
  /** Replaces the agreement read at `expectedVersion` (409 CONCURRENT_UPDATE when it moved). */
  replaceAgreement(next: StoredAgreement, expectedVersion: number): Promise<void>;
  /**
   * ConditionChecks that the named organizations exist, to write inside another aggregate's
   * transaction; a missing one explains itself as a 400 `Unknown organization(s)` naming its field.
   */
  existParts(refs: readonly OrganizationRef[]): TransactPart;
}

/** The 400 of organizations that do not exist. */
export const unknownOrganizations = (missing: readonly OrganizationRef[]): ValidationError =>
  new ValidationError(
    `Unknown organization(s): ${missing.map((o) => o.id).join(', ')}`,
    missing.map((o) => ({ field: o.field, message: `organization ${o.id} does not exist` })),
  );

/** See {@link OrganizationsRepository.existParts}. */
export function organizationChecks(tableName: string, refs: readonly OrganizationRef[]): TransactPart {
  return new TransactPart(
    refs.map((r) => organizationExists(tableName, r.id)),
    (failed): ErrorDetail[] => [...unknownOrganizations(refs.filter((_, i) => failed.includes(i))).details],
  );
}

export function createOrganizationsRepository(ctx: TableContext): OrganizationsRepository {
  const { db, tableName } = ctx;
  return {
    async get(id, consistent = false) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.organization(id), ConsistentRead: consistent }),
      );
      return res.Item ? organizationEntity.fromItem(res.Item) : undefined;
    },

    async create(org) {
      try {
        await putOne(ctx, organizationEntity.create(tableName, org));
      } catch (error) {
        if (error instanceof TransactionConflict) throw alreadyExists('Organization', org.id);
        throw error;
      }
    },

    async replace(next, expectedVersion, refs) {
      const put = organizationEntity.replace(tableName, next, expectedVersion);
      try {
        if (refs.every((r) => r.empty)) await putOne(ctx, put);
        else await transactWrite(ctx, [put, ...partItems(refs)]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        if (!error.failed.includes(0)) {
          const details = explainParts(refs, error.failed, 1);
          if (details.length > 0) throw unusableContacts(details);
        }
        throw concurrentUpdate();
      }
    },

    async list(query) {
      const page = await queryIndexPage(ctx, listQueries.organizations(query), query);
      return { items: page.items.map((i) => organizationEntity.fromItem(i)), nextCursor: page.nextCursor };
    },

    async listThirdParties(query) {
      // When criticality chooses the index, a type filter is applied on the page read.
      const filter =
        query.criticality !== undefined && query.type !== undefined
          ? { attr: 'type', value: query.type }
          : undefined;
      const page = await queryIndexPage(ctx, listQueries.thirdParties(query), query, filter);
      return {
        items: page.items.map((i) => organizationEntity.fromItem(i) as StoredThirdParty),
        nextCursor: page.nextCursor,
      };
    },

    async withAgreements(id) {
      // `#ORG` … `AGREEMENT#…` are adjacent; incident links `INC#…` sort after them.
      const items = await queryAll(ctx, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': orgPk(id),
          ':from': keys.organization(id).sk,
          ':to': `${prefixes.agreements}\uffff`,
        },
      });
      const organization = items.find((i) => i.sk === keys.organization(id).sk);
      if (!organization) return undefined;
      return {
        organization: organizationEntity.fromItem(organization),
        agreements: items
          .filter((i) => String(i.sk).startsWith(prefixes.agreements))
          .map((i) => agreementEntity.fromItem(i)),
      };
    },

    async getAgreement(organizationId, agreementId) {
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.agreement(organizationId, agreementId),
          ConsistentRead: true,
        }),
      );
      return res.Item ? agreementEntity.fromItem(res.Item) : undefined;
    },

    async createAgreement(agreement) {
      try {
        await transactWrite(ctx, [
          organizationExists(tableName, agreement.organizationId),
          agreementEntity.create(tableName, agreement),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        if (error.failed.includes(0))
          throw new NotFoundError(`Organization ${agreement.organizationId} not found`);
        if (error.failed.includes(1)) throw alreadyExists('Agreement', agreement.id);
        throw new ConflictError(
          'The agreement could not be created; retry the request',
          [],
          'CONCURRENT_UPDATE',
        );
      }
    },

    async replaceAgreement(next, expectedVersion) {
      try {
        await putOne(ctx, agreementEntity.replace(tableName, next, expectedVersion));
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },

    existParts: (refs) => organizationChecks(tableName, refs),
  };
}
