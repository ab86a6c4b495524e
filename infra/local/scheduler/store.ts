/**
 * Schedules and schedule groups as EventBridge Scheduler keeps them, with the emulator's own
 * bookkeeping (next firing), validated like the service and optionally persisted to one JSON file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlexibleTimeWindow, Tag, Target } from '@aws-sdk/client-scheduler';
import { isTimeZone } from '../../../shared/domain/zone.js';
import {
  ExpressionError,
  firstFire,
  followingFire,
  parseScheduleExpression,
  type Timing,
} from './expression.js';

export const DEFAULT_GROUP = 'default';
export const FILE_NAME = 'scheduler.json';
const FILE_VERSION = 1;

export type ErrorType =
  | 'ValidationException'
  | 'ResourceNotFoundException'
  | 'ConflictException'
  | 'InternalServerException';

const STATUS: Record<ErrorType, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  InternalServerException: 500,
};

/** An error the HTTP layer answers with the service's status, `x-amzn-errortype` and `Message`. */
export class SchedulerApiError extends Error {
  override readonly name = 'SchedulerApiError';
  readonly status: number;
  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
    this.status = STATUS[type];
  }
}

const invalid = (message: string) => new SchedulerApiError('ValidationException', message);

/** A schedule as stored: the service's fields (dates as ISO strings) plus the emulator's. */
export interface ScheduleRecord {
  readonly Name: string;
  readonly GroupName: string;
  readonly Arn: string;
  readonly ScheduleExpression: string;
  readonly ScheduleExpressionTimezone?: string;
  readonly StartDate?: string;
  readonly EndDate?: string;
  readonly Description?: string;
  readonly State: 'ENABLED' | 'DISABLED';
  readonly KmsKeyArn?: string;
  readonly Target: Target;
  readonly FlexibleTimeWindow: FlexibleTimeWindow;
  readonly ActionAfterCompletion: 'NONE' | 'DELETE';
  readonly CreationDate: string;
  readonly LastModificationDate: string;
  /** Emulator: rate() periods count from here when there is no StartDate. */
  readonly anchor: string;
  /** Emulator: when it fires next; null once done (or never). */
  readonly next: string | null;
  /** Emulator: the last firing (its scheduled time). */
  readonly lastFiredAt?: string;
}

export interface GroupRecord {
  readonly Name: string;
  readonly Arn: string;
  readonly State: 'ACTIVE';
  readonly CreationDate: string;
  readonly LastModificationDate: string;
  readonly Tags: Tag[];
}

/** A failed invocation whose schedule names a dead-letter queue. */
export interface DeadLetter {
  readonly deadLetterArn: string;
  readonly scheduleArn: string;
  readonly targetArn: string;
  readonly input: unknown;
  readonly scheduledTime: string;
  readonly failedAt: string;
  readonly attempts: number;
  readonly errorMessage: string;
}

interface FileContent {
  readonly version: number;
  readonly groups: GroupRecord[];
  readonly schedules: ScheduleRecord[];
  readonly deadLetters: DeadLetter[];
}

export interface StoreOptions {
  readonly dataDir?: string | undefined;
  readonly clock: () => Date;
  readonly region: string;
  readonly accountId: string;
}

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;

function checkName(value: unknown, what: string): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw invalid(`${what} must be 1-64 characters of [0-9a-zA-Z-_.], got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, key: string, max: number): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max) throw invalid(`${key} must be a string of at most ${max}`);
  return v;
}

function oneOf<T extends string>(
  body: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = body[key] ?? fallback;
  if (!allowed.includes(v as T)) throw invalid(`${key} must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** Timestamps arrive as epoch seconds (restJson1's default); ISO strings are accepted too. */
function optionalDate(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(`${key} must be a timestamp`);
  return new Date(ms).toISOString();
}

function intIn(v: unknown, key: string, min: number, max: number): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(`${key} must be an integer in ${min}-${max}`);
  }
}

function checkTarget(v: unknown): Target {
  if (v === null || typeof v !== 'object') throw invalid('Target is required');
  const t = v as Record<string, unknown>;
  for (const key of ['Arn', 'RoleArn']) {
    if (typeof t[key] !== 'string' || t[key] === '') throw invalid(`Target.${key} is required`);
  }
  if (t.Input !== undefined && (typeof t.Input !== 'string' || t.Input.length > 8192)) {
    throw invalid('Target.Input must be a string of at most 8192 characters');
  }
  const retry = (t.RetryPolicy ?? {}) as Record<string, unknown>;
  intIn(retry.MaximumRetryAttempts, 'RetryPolicy.MaximumRetryAttempts', 0, 185);
  intIn(retry.MaximumEventAgeInSeconds, 'RetryPolicy.MaximumEventAgeInSeconds', 60, 86400);
  const dlq = t.DeadLetterConfig as Record<string, unknown> | undefined;
  if (dlq?.Arn !== undefined && typeof dlq.Arn !== 'string')
    throw invalid('DeadLetterConfig.Arn must be a string');
  return t as unknown as Target;
}

function checkWindow(v: unknown): FlexibleTimeWindow {
  if (v === null || typeof v !== 'object') throw invalid('FlexibleTimeWindow is required');
  const w = v as Record<string, unknown>;
  if (w.Mode !== 'OFF' && w.Mode !== 'FLEXIBLE')
    throw invalid('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE');
  if (w.Mode === 'FLEXIBLE') {
    if (w.MaximumWindowInMinutes === undefined) throw invalid('FLEXIBLE needs MaximumWindowInMinutes');
    intIn(w.MaximumWindowInMinutes, 'MaximumWindowInMinutes', 1, 1440);
  }
  return w as unknown as FlexibleTimeWindow;
}

export function timingOf(record: ScheduleRecord): Timing {
  return {
    expression: parseScheduleExpression(record.ScheduleExpression),
    timeZone: record.ScheduleExpressionTimezone ?? 'UTC',
    startDate: record.StartDate ? new Date(record.StartDate) : undefined,
    endDate: record.EndDate ? new Date(record.EndDate) : undefined,
    anchor: new Date(record.anchor),
  };
}

const key = (group: string, name: string) => `${group}/${name}`;

export interface ListQuery {
  readonly NamePrefix?: string | undefined;
  readonly NextToken?: string | undefined;
  readonly MaxResults?: string | undefined;
}

function page<T extends { Name: string }>(
  items: readonly T[],
  sortKey: (item: T) => string,
  query: ListQuery,
): { items: T[]; NextToken?: string } {
  let max = 100;
  if (query.MaxResults !== undefined) {
    max = Number(query.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 100) throw invalid('MaxResults must be in 1-100');
  }
  let after: string | undefined;
  if (query.NextToken !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(query.NextToken, 'base64url').toString('utf8')) as {
        after?: unknown;
      };
      if (typeof decoded.after !== 'string') throw new Error('no position');
      after = decoded.after;
    } catch {
      throw invalid('NextToken is not valid');
    }
  }
  const sorted = items
    .filter((i) => query.NamePrefix === undefined || i.Name.startsWith(query.NamePrefix))
    .map((i) => ({ i, k: sortKey(i) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .filter(({ k }) => after === undefined || k > after);
  const chosen = sorted.slice(0, max);
  const last = chosen[chosen.length - 1];
  const token =
    sorted.length > max && last
      ? Buffer.from(JSON.stringify({ after: last.k })).toString('base64url')
      : undefined;
  return { items: chosen.map(({ i }) => i), ...(token ? { NextToken: token } : {}) };
}

/** How long changes wait to be written together (see `ScheduleStore.save`). */
export const SAVE_DELAY_MS = 50;

export class ScheduleStore {
  private readonly schedules = new Map<string, ScheduleRecord>();
  private readonly groups = new Map<string, GroupRecord>();
  private readonly dead: DeadLetter[] = [];
  private readonly file: string | undefined;

  constructor(private readonly options: StoreOptions) {
    this.file = options.dataDir === undefined ? undefined : join(options.dataDir, FILE_NAME);
    if (this.file) this.load(this.file);
    if (!this.groups.has(DEFAULT_GROUP)) {
      const now = options.clock().toISOString();
      this.groups.set(DEFAULT_GROUP, {
        Name: DEFAULT_GROUP,
        Arn: this.groupArn(DEFAULT_GROUP),
        State: 'ACTIVE',
        CreationDate: now,
        LastModificationDate: now,
        Tags: [],
      });
    }
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let content: FileContent;
    try {
      content = JSON.parse(text) as FileContent;
    } catch (error) {
      throw new Error(`${file} is not valid JSON (${(error as Error).message}); move it away to start empty`);
    }
    if (content.version !== FILE_VERSION) {
      throw new Error(`${file}: unknown version ${String(content.version)} (expected ${FILE_VERSION})`);
    }
    for (const g of content.groups) this.groups.set(g.Name, g);
    for (const s of content.schedules) this.schedules.set(key(s.GroupName, s.Name), s);
    this.dead.push(...content.deadLetters);
  }

  private saveTimer: NodeJS.Timeout | undefined;

  /**
   * The state changed: written once, {@link SAVE_DELAY_MS} later. The store lives in the API's
   * process, and every CreateSchedule used to rewrite the whole file synchronously (O(schedules),
   * blocking every request; an activation creates seven in a burst): a burst is now one write.
   * `flush()` (on stop) writes what is pending at once.
   */
  private save(): void {
    if (!this.file || !this.options.dataDir || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** Writes pending changes now (write to a temporary file, then rename: never half a file). */
  flush(): void {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.file || !this.options.dataDir) return;
    const content: FileContent = {
      version: FILE_VERSION,
      groups: [...this.groups.values()],
      schedules: [...this.schedules.values()],
      deadLetters: this.dead,
    };
    mkdirSync(this.options.dataDir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`);
    renameSync(temp, this.file);
  }

  private arnPrefix(): string {
    return `arn:aws:scheduler:${this.options.region}:${this.options.accountId}`;
  }
  groupArn(name: string): string {
    return `${this.arnPrefix()}:schedule-group/${name}`;
  }
  scheduleArn(group: string, name: string): string {
    return `${this.arnPrefix()}:schedule/${group}/${name}`;
  }

  // ------------------------------------------------------------ schedules

  private build(name: string, body: Record<string, unknown>, created?: ScheduleRecord): ScheduleRecord {
    checkName(name, 'Name');
    const group = checkName(body.GroupName ?? DEFAULT_GROUP, 'GroupName');
    if (!this.groups.has(group)) {
      throw new SchedulerApiError('ResourceNotFoundException', `Schedule group ${group} does not exist.`);
    }
    const expressionText = body.ScheduleExpression;
    if (typeof expressionText !== 'string' || expressionText.length > 256) {
      throw invalid('ScheduleExpression is required (at most 256 characters)');
    }
    const timeZone = optionalString(body, 'ScheduleExpressionTimezone', 50);
    if (timeZone !== undefined && !isTimeZone(timeZone)) throw invalid(`Invalid time zone: ${timeZone}`);
    const startDate = optionalDate(body, 'StartDate');
    const endDate = optionalDate(body, 'EndDate');
    if (startDate && endDate && endDate <= startDate) throw invalid('EndDate must be after StartDate');
    const description = optionalString(body, 'Description', 512);
    const kmsKeyArn = optionalString(body, 'KmsKeyArn', 2048);
    const now = this.options.clock();
    const record: Omit<ScheduleRecord, 'next'> = {
      Name: name,
      GroupName: group,
      Arn: this.scheduleArn(group, name),
      ScheduleExpression: expressionText,
      ...(timeZone !== undefined ? { ScheduleExpressionTimezone: timeZone } : {}),
      ...(startDate !== undefined ? { StartDate: startDate } : {}),
      ...(endDate !== undefined ? { EndDate: endDate } : {}),
      ...(description !== undefined ? { Description: description } : {}),
      State: oneOf(body, 'State', ['ENABLED', 'DISABLED'] as const, 'ENABLED'),
      ...(kmsKeyArn !== undefined ? { KmsKeyArn: kmsKeyArn } : {}),
      Target: checkTarget(body.Target),
      FlexibleTimeWindow: checkWindow(body.FlexibleTimeWindow),
      ActionAfterCompletion: oneOf(body, 'ActionAfterCompletion', ['NONE', 'DELETE'] as const, 'NONE'),
      CreationDate: created?.CreationDate ?? now.toISOString(),
      LastModificationDate: now.toISOString(),
      anchor: now.toISOString(),
    };
    let next: Date | undefined;
    try {
      next = firstFire(timingOf({ ...record, next: null }), now);
    } catch (error) {
      if (error instanceof ExpressionError) throw invalid(`Invalid Schedule Expression ${error.message}`);
      throw error;
    }
    return { ...record, next: next ? next.toISOString() : null };
  }

  createSchedule(name: string, body: Record<string, unknown>): ScheduleRecord {
    const record = this.build(name, body);
    const k = key(record.GroupName, record.Name);
    if (this.schedules.has(k))
      throw new SchedulerApiError('ConflictException', `Schedule ${name} already exists.`);
    this.schedules.set(k, record);
    this.save();
    return record;
  }

  /** UpdateSchedule replaces every field (omitted optional ones are cleared), like the service. */
  updateSchedule(name: string, body: Record<string, unknown>): ScheduleRecord {
    const existing = this.getSchedule(name, body.GroupName);
    const record = this.build(name, body, existing);
    this.schedules.set(key(record.GroupName, record.Name), record);
    this.save();
    return record;
  }

  getSchedule(name: string, group: unknown): ScheduleRecord {
    const g = checkName(group ?? DEFAULT_GROUP, 'GroupName');
    const record = this.schedules.get(key(g, checkName(name, 'Name')));
    if (!record) throw new SchedulerApiError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
    return record;
  }

  deleteSchedule(name: string, group: unknown): void {
    const record = this.getSchedule(name, group);
    this.schedules.delete(key(record.GroupName, record.Name));
    this.save();
  }

  listSchedules(query: ListQuery & { ScheduleGroup?: string | undefined; State?: string | undefined }) {
    if (query.State !== undefined && query.State !== 'ENABLED' && query.State !== 'DISABLED') {
      throw invalid('State must be ENABLED or DISABLED');
    }
    const all = [...this.schedules.values()].filter(
      (s) =>
        (query.ScheduleGroup === undefined || s.GroupName === query.ScheduleGroup) &&
        (query.State === undefined || s.State === query.State),
    );
    return page(all, (s) => `${s.GroupName}\u0000${s.Name}`, query);
  }

  /** Every schedule (a copy), e.g. for tests and the start script. */
  all(): ScheduleRecord[] {
    return [...this.schedules.values()];
  }

  // ------------------------------------------------------------ firing

  /**
   * Every enabled schedule whose next firing is at or before `now`, each advanced already (next
   * firing computed, or deleted / completed), so a firing is never repeated. Persisted once.
   */
  takeDue(now: Date): ScheduleRecord[] {
    const due = [...this.schedules.values()]
      .filter((s) => s.State === 'ENABLED' && s.next !== null && s.next <= now.toISOString())
      .sort((a, b) => ((a.next ?? '') < (b.next ?? '') ? -1 : 1));
    for (const s of due) {
      const following = followingFire(timingOf(s), now);
      const k = key(s.GroupName, s.Name);
      if (!following && s.ActionAfterCompletion === 'DELETE') {
        this.schedules.delete(k);
      } else {
        this.schedules.set(k, {
          ...s,
          next: following ? following.toISOString() : null,
          lastFiredAt: s.next ?? '',
        });
      }
    }
    if (due.length > 0) this.save();
    return due;
  }

  addDeadLetter(entry: DeadLetter): void {
    this.dead.push(entry);
    this.save();
  }

  deadLetters(): DeadLetter[] {
    return [...this.dead];
  }

  // ------------------------------------------------------------ groups

  createGroup(name: string, body: Record<string, unknown>): GroupRecord {
    checkName(name, 'Name');
    if (this.groups.has(name))
      throw new SchedulerApiError('ConflictException', `Schedule group ${name} already exists.`);
    const now = this.options.clock().toISOString();
    const tags = Array.isArray(body.Tags) ? (body.Tags as Tag[]) : [];
    const group: GroupRecord = {
      Name: name,
      Arn: this.groupArn(name),
      State: 'ACTIVE',
      CreationDate: now,
      LastModificationDate: now,
      Tags: tags,
    };
    this.groups.set(name, group);
    this.save();
    return group;
  }

  getGroup(name: string): GroupRecord {
    const group = this.groups.get(name);
    if (!group)
      throw new SchedulerApiError('ResourceNotFoundException', `Schedule group ${name} does not exist.`);
    return group;
  }

  /** Deletes the group and its schedules (the service does that asynchronously; here at once). */
  deleteGroup(name: string): void {
    if (name === DEFAULT_GROUP) throw invalid('The default schedule group cannot be deleted.');
    this.getGroup(name);
    this.groups.delete(name);
    for (const [k, s] of this.schedules) if (s.GroupName === name) this.schedules.delete(k);
    this.save();
  }

  listGroups(query: ListQuery) {
    return page([...this.groups.values()], (g) => g.Name, query);
  }

  // ------------------------------------------------------------ tags (schedule groups only)

  private groupByArn(arn: string): GroupRecord {
    const group = [...this.groups.values()].find((g) => g.Arn === arn);
    if (!group) throw new SchedulerApiError('ResourceNotFoundException', `Resource ${arn} does not exist.`);
    return group;
  }

  tags(arn: string): Tag[] {
    return this.groupByArn(arn).Tags;
  }

  tag(arn: string, tags: unknown): void {
    const group = this.groupByArn(arn);
    if (!Array.isArray(tags)) throw invalid('Tags is required');
    const merged = new Map(group.Tags.map((t) => [t.Key, t]));
    for (const t of tags as Tag[]) merged.set(t.Key, t);
    this.groups.set(group.Name, { ...group, Tags: [...merged.values()] });
    this.save();
  }

  untag(arn: string, keys: readonly string[]): void {
    const group = this.groupByArn(arn);
    this.groups.set(group.Name, { ...group, Tags: group.Tags.filter((t) => !keys.includes(t.Key ?? '')) });
    this.save();
  }
}
