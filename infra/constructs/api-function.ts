/**
 * Every Lambda default of Liaison in one place (runtime, arm64, tracing, memory, timeout, source maps,
 * explicit log group), plus `bindTable` for least-privilege table access in one call.
 */
import { type CfnResource, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import type { TableAccess } from '../../shared/routes.js';

export interface ApiFunctionProps {
  /** Directory holding the bundled `index.mjs` (and its source map) of this function. */
  readonly assetDir: string;
  readonly description?: string;
  /** Physical name; only for functions whose ARN must be known without a reference (scheduler targets). */
  readonly functionName?: string;
  /**
   * Execution role; shared by the functions of one area with the same table access (see
   * `api-area-stack.ts`). Default: a role of its own. Either way the role gets no managed policy,
   * only write access to this function's log group, X-Ray, and what `bindTable` grants.
   */
  readonly role?: iam.IRole;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
}

export const FUNCTION_DEFAULTS = {
  runtime: lambda.Runtime.NODEJS_22_X,
  architecture: lambda.Architecture.ARM_64,
  memorySize: 512,
  timeout: Duration.seconds(10),
  logRetention: logs.RetentionDays.ONE_MONTH,
} as const;

export class ApiFunction extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    // Explicit log group: retention and removal are ours, not Lambda's implicit never-expiring group.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: FUNCTION_DEFAULTS.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(props.assetDir),
      handler: 'index.handler',
      runtime: FUNCTION_DEFAULTS.runtime,
      architecture: FUNCTION_DEFAULTS.architecture,
      memorySize: props.memorySize ?? FUNCTION_DEFAULTS.memorySize,
      timeout: props.timeout ?? FUNCTION_DEFAULTS.timeout,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      // Never Lambda's default role: it attaches AWSLambdaBasicExecutionRole (logs on every group).
      role:
        props.role ??
        new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      ...(props.description ? { description: props.description } : {}),
      ...(props.functionName ? { functionName: props.functionName } : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'liaison',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is pinned on purpose: the bundles target node22 and the local stack and CI run the ' +
        'same major; moving to nodejs24.x is a deliberate change of FUNCTION_DEFAULTS + esbuild target.',
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): this log group only.
    this.logGroup.grantWrite(this.function);
  }

  /** Sets `LIAISON_TABLE_NAME` and grants exactly `access` on the table (and its indexes). */
  bindTable(table: ITableV2, access: TableAccess): this {
    if (access === 'NONE') return this;
    this.function.addEnvironment('LIAISON_TABLE_NAME', table.tableName);
    if (access === 'RO') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    return this;
  }

  /**
   * Sets `LIAISON_TABLE_NAME` and grants item actions on the table only for partition keys starting
   * with one of `prefixes` (`dynamodb:LeadingKeys`): no index, no Query/Scan outside them.
   */
  bindTableItems(table: ITableV2, access: TableAccess, prefixes: readonly string[], query = false): this {
    if (access === 'NONE') return this;
    this.function.addEnvironment('LIAISON_TABLE_NAME', table.tableName);
    // `query`: Query of the table itself (the resource is the table ARN, no index), same partitions.
    const read = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      ...(query ? ['dynamodb:Query'] : []),
    ];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === 'RO' ? read : [...read, ...write],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } },
      }),
    );
    return this;
  }

  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }
}

/**
 * The cdk-nag findings every Liaison function role has, acknowledged with their reasons. Call it on
 * the role (or an ancestor) once its grants are in place.
 */
export function acknowledgeFunctionFindings(scope: IConstruct, access: TableAccess, table: ITableV2): void {
  Validations.of(scope).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'xray:PutTraceSegments and xray:PutTelemetryRecords (added by tracing: ACTIVE) support no ' +
      'resource-level permissions; AWS documents Resource "*" for them.',
  });
  if (access === 'NONE') return;
  for (const id of tableIndexFindings(table)) {
    Validations.of(scope).acknowledge({
      id,
      reason:
        `grant${access === 'RO' ? 'Read' : 'ReadWrite'}Data covers the table's global secondary indexes ` +
        '(gsi1..gsi3 of shared/db/table.ts) as <table arn>/index/*: the indexes of this one table only.',
    });
  }
}

function tableIndexFindings(table: ITableV2): string[] {
  const cfn = table.node.defaultChild as CfnResource | undefined;
  if (!cfn) return [];
  const logicalId = Stack.of(table).resolve(cfn.logicalId) as string;
  return [
    // the table's own stack (and any check run before synthesis resolves cross-stack references)
    `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
    // a nested stack, where the table ARN arrives as the parameter CDK generates for the reference
    `AwsSolutions-IAM5[Resource::<referenceto${Names.uniqueId(cfn)}Arn>/index/*]`,
  ];
}
