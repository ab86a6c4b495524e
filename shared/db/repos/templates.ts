/**
 * Message templates (`shared/db/entities/template.ts`): the head and its immutable versions, head
 * and version written in ONE transaction conditioned on the latest version number read.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Template, TemplateVersion } from '../../schemas/templates.js';
import type { TableContext } from '../context.js';
import {
  approveTemplateVersion,
  replaceTemplateHead,
  templateEntity,
  templateVersionEntity,
} from '../entities/template.js';
import { keys, listQueries, prefixes, templatePk } from '../keys.js';
import { decodeCursor, encodeCursor, queryIndexPage } from '../pagination.js';
import { alreadyExists, concurrentUpdate, TransactionConflict, transactWrite } from '../transact.js';

type Page<T> = { items: T[]; nextCursor: string | null };

export interface TemplatesRepository {
  /** The head (consistent), undefined when unknown. */
  get(id: string): Promise<Template | undefined>;
  /** One version (consistent), undefined when unknown. */
  getVersion(id: string, n: number): Promise<TemplateVersion | undefined>;
  /** Head and version 1 (409 ALREADY_EXISTS when the id is taken). */
  create(head: Template, first: TemplateVersion): Promise<void>;
  /** The head at `latestVersion` n+1 and version n+1, if the latest is still `expectedLatest` (else 409 CONCURRENT_UPDATE). */
  addVersion(head: Template, version: TemplateVersion, expectedLatest: number): Promise<void>;
  /** The head with `approvedVersion` and the approved version, if neither moved (else 409 CONCURRENT_UPDATE). */
  approve(head: Template, approved: TemplateVersion): Promise<void>;
  list(query: {
    audience?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<Template>>;
  /** Versions, newest first (one Query). */
  listVersions(
    id: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<TemplateVersion>>;
}

/** One page of a template's versions, newest first. */
async function queryVersionsPage(
  ctx: TableContext,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<TemplateVersion>> {
  const res = await ctx.db.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': templatePk(id), ':v': prefixes.templateVersions },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { pk: templatePk(id) }),
    }),
  );
  return {
    items: (res.Items ?? []).map((i) => templateVersionEntity.fromItem(i)),
    nextCursor: encodeCursor(res.LastEvaluatedKey),
  };
}

export function createTemplatesRepository(ctx: TableContext): TemplatesRepository {
  const { db, tableName } = ctx;
  const getOne = async (key: { pk: string; sk: string }) =>
    (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  return {
    async get(id) {
      const item = await getOne(keys.template(id));
      return item ? templateEntity.fromItem(item) : undefined;
    },

    async getVersion(id, n) {
      const item = await getOne(keys.templateVersion(id, n));
      return item ? templateVersionEntity.fromItem(item) : undefined;
    },

    async create(head, first) {
      try {
        await transactWrite(ctx, [
          templateEntity.create(tableName, head),
          templateVersionEntity.create(tableName, first),
        ]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw alreadyExists('Template', head.id);
        throw error;
      }
    },

    async addVersion(head, version, expectedLatest) {
      try {
        await transactWrite(ctx, [
          replaceTemplateHead(tableName, head, expectedLatest),
          templateVersionEntity.create(tableName, version),
        ]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },

    async approve(head, approved) {
      try {
        await transactWrite(ctx, [
          replaceTemplateHead(tableName, head, approved.version),
          approveTemplateVersion(tableName, approved),
        ]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },

    async list(query) {
      const page = await queryIndexPage(ctx, listQueries.templates(query), query);
      return { items: page.items.map((i) => templateEntity.fromItem(i)), nextCursor: page.nextCursor };
    },

    listVersions: (id, page) => queryVersionsPage(ctx, id, page),
  };
}
