/**
 * The Scheduler REST-JSON API (the paths and shapes `@aws-sdk/client-scheduler` sends) over a
 * {@link ScheduleStore}. Requests are not signature-checked.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type GroupRecord, type ScheduleRecord, SchedulerApiError, type ScheduleStore } from './store.js';

const MAX_BODY_BYTES = 1024 * 1024;

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly errorType?: string;
}

const ok = (body: unknown = {}): Answer => ({ status: 200, body });

/** Dates leave as epoch seconds, restJson1's default timestamp format. */
const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);

function scheduleOutput(s: ScheduleRecord) {
  return {
    Arn: s.Arn,
    GroupName: s.GroupName,
    Name: s.Name,
    ScheduleExpression: s.ScheduleExpression,
    StartDate: seconds(s.StartDate),
    EndDate: seconds(s.EndDate),
    Description: s.Description,
    ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
    State: s.State,
    CreationDate: seconds(s.CreationDate),
    LastModificationDate: seconds(s.LastModificationDate),
    KmsKeyArn: s.KmsKeyArn,
    Target: s.Target,
    FlexibleTimeWindow: s.FlexibleTimeWindow,
    ActionAfterCompletion: s.ActionAfterCompletion,
  };
}

function groupOutput(g: GroupRecord) {
  return {
    Arn: g.Arn,
    Name: g.Name,
    State: g.State,
    CreationDate: seconds(g.CreationDate),
    LastModificationDate: seconds(g.LastModificationDate),
  };
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('error', fail);
    req.once('end', () => {
      if (size > MAX_BODY_BYTES)
        return fail(new SchedulerApiError('ValidationException', 'Request too large'));
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return done({});
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new Error('not an object');
        done(parsed as Record<string, unknown>);
      } catch {
        fail(new SchedulerApiError('ValidationException', 'The request body is not a JSON object'));
      }
    });
  });
}

/** Routes one request; throws {@link SchedulerApiError} for the service's errors. */
export async function route(
  store: ScheduleStore,
  method: string,
  url: URL,
  req: IncomingMessage,
): Promise<Answer> {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const [collection, rawName, extra] = segments;
  const q = (name: string) => url.searchParams.get(name) ?? undefined;
  const name = rawName === undefined ? undefined : decodeURIComponent(rawName);
  const body = method === 'POST' || method === 'PUT' ? await readBody(req) : {};

  if (extra === undefined && collection === 'schedules') {
    if (name === undefined && method === 'GET') {
      const { items, NextToken } = store.listSchedules({
        ScheduleGroup: q('ScheduleGroup'),
        NamePrefix: q('NamePrefix'),
        State: q('State'),
        NextToken: q('NextToken'),
        MaxResults: q('MaxResults'),
      });
      const Schedules = items.map((s) => ({
        Arn: s.Arn,
        Name: s.Name,
        GroupName: s.GroupName,
        State: s.State,
        CreationDate: seconds(s.CreationDate),
        LastModificationDate: seconds(s.LastModificationDate),
        Target: { Arn: s.Target.Arn },
      }));
      return ok({ Schedules, NextToken });
    }
    if (name !== undefined) {
      if (method === 'POST') return ok({ ScheduleArn: store.createSchedule(name, body).Arn });
      if (method === 'PUT') return ok({ ScheduleArn: store.updateSchedule(name, body).Arn });
      if (method === 'GET') return ok(scheduleOutput(store.getSchedule(name, q('groupName'))));
      if (method === 'DELETE') {
        store.deleteSchedule(name, q('groupName'));
        return ok();
      }
    }
  }

  if (extra === undefined && collection === 'schedule-groups') {
    if (name === undefined && method === 'GET') {
      const { items, NextToken } = store.listGroups({
        NamePrefix: q('NamePrefix'),
        NextToken: q('NextToken'),
        MaxResults: q('MaxResults'),
      });
      return ok({ ScheduleGroups: items.map(groupOutput), NextToken });
    }
    if (name !== undefined) {
      if (method === 'POST') return ok({ ScheduleGroupArn: store.createGroup(name, body).Arn });
      if (method === 'GET') return ok(groupOutput(store.getGroup(name)));
      if (method === 'DELETE') {
        store.deleteGroup(name);
        return ok();
      }
    }
  }

  if (extra === undefined && collection === 'tags' && name !== undefined) {
    if (method === 'GET') return ok({ Tags: store.tags(name) });
    if (method === 'POST') {
      store.tag(name, body.Tags);
      return ok();
    }
    if (method === 'DELETE') {
      store.untag(name, url.searchParams.getAll('TagKeys'));
      return ok();
    }
  }

  return {
    status: 404,
    errorType: 'UnknownOperationException',
    body: { Message: `${method} ${url.pathname}` },
  };
}

/** An HTTP server for the store. `log` receives unexpected failures (answered 500). */
export function createSchedulerServer(
  store: ScheduleStore,
  log: (message: string, error?: unknown) => void,
): Server {
  const respond = (res: ServerResponse, answer: Answer) => {
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': randomUUID(),
      ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
    });
    res.end(text);
  };
  return createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    route(store, method, url, req)
      .catch((error: unknown): Answer => {
        if (error instanceof SchedulerApiError) {
          return { status: error.status, errorType: error.type, body: { Message: error.message } };
        }
        log(`${method} ${url.pathname} failed:`, error);
        return { status: 500, errorType: 'InternalServerException', body: { Message: 'Internal error' } };
      })
      .then((answer) => respond(res, answer));
  });
}
