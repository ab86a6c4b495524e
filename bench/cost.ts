/**
 * Public on-demand prices (AWS price pages, region us-east-1, checked 2025) and the monthly workload
 * the estimate is made for. Free tiers, storage, data transfer, CloudWatch Logs and X-Ray are left
 * out: the estimate is the marginal cost of the calls.
 */
export const PRICES = {
  region: 'us-east-1',
  /** DynamoDB on-demand since the 1 Nov 2024 price cut, per million request units. */
  dynamodbWriteRequestUnit: 0.625 / 1e6,
  dynamodbReadRequestUnit: 0.125 / 1e6,
  /** Lambda arm64. */
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** API Gateway HTTP API, first 300 million requests a month. */
  httpApiRequest: 1.0 / 1e6,
  /** SNS: publish requests (first million free, ignored); HTTP/S deliveries $0.60 per million. */
  snsPublish: 0.5 / 1e6,
  snsHttpDelivery: 0.6 / 1e6,
  /** EventBridge Scheduler: invocations $1.00 per million (first 14 million free, ignored). */
  schedulerInvocation: 1.0 / 1e6,
} as const;

/** Memory of every API function (infra/constructs/api-function.ts FUNCTION_DEFAULTS.memorySize). */
export const LAMBDA_MEMORY_MB = 512;

export interface OperationCostInput {
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Estimated TransactWriteItems units (already 2 per KB, see bench/metrics.ts). */
  readonly transactWriteUnits: number;
  readonly snsPublishes: number;
  readonly schedulerCalls: number;
  /** Billed duration proxy: the measured p50 of the operation through the local stack, in ms. */
  readonly durationMs: number;
}

/** USD per 1,000 calls of an operation, by component. */
export function costPer1000(op: OperationCostInput) {
  const wru = op.writeUnits + op.transactWriteUnits;
  const dynamodb =
    (op.readUnits * PRICES.dynamodbReadRequestUnit + wru * PRICES.dynamodbWriteRequestUnit) * 1000;
  const lambda =
    (PRICES.lambdaRequest +
      (LAMBDA_MEMORY_MB / 1024) * (Math.ceil(op.durationMs) / 1000) * PRICES.lambdaGbSecond) *
    1000;
  const api = PRICES.httpApiRequest * 1000;
  const sns = op.snsPublishes * (PRICES.snsPublish + PRICES.snsHttpDelivery) * 1000;
  const scheduler = op.schedulerCalls * PRICES.schedulerInvocation * 1000;
  return { dynamodb, lambda, api, sns, scheduler, total: dynamodb + lambda + api + sns + scheduler };
}

/**
 * The stated monthly workload: calls per operation id. 1,000 incidents a month, each with 20 actions
 * (each moved twice: in progress, completed), 10 communications, 1 impact assessment, 1 escalation,
 * 1 lesson, closed once; each incident read 30 times, its timeline 5 times and its report twice;
 * lists 20,000 times; 200 third parties registered and 1,000 changes to the directory; 500 contacts
 * verified (the sweep's cost per contact from the measured sweep, plus `verifyContact` per confirmation).
 */
export const MONTHLY_WORKLOAD: Readonly<Record<string, number>> = {
  createIncident: 1_000,
  createAction: 20_000,
  updateAction: 40_000,
  createCommunication: 10_000,
  assessImpact: 1_000,
  updateIncident: 2_000,
  createEscalation: 1_000,
  createLesson: 1_000,
  closeIncident: 1_000,
  getIncident: 30_000,
  previewCommunication: 5_000,
  getDashboard: 20_000,
  getIncidentTimeline: 5_000,
  getIncidentReport: 2_000,
  listIncidents: 20_000,
  createThirdParty: 200,
  updateThirdParty: 1_000,
  getThirdParty: 5_000,
  listThirdParties: 5_000,
  verifyContact: 500,
};

/** Contacts the verification sweep asks in a month (priced from the measured sweep, per contact). */
export const MONTHLY_VERIFIED_CONTACTS = 500;

export const WORKLOAD_DESCRIPTION =
  '1,000 incidents/month, 20 actions (each updated twice) and 10 communications each, 1 impact assessment, ' +
  'escalation, lesson and close each; 30 incident reads, 5 timeline reads, 2 reports each; 20,000 incident ' +
  'lists; 200 new third parties, 1,000 changes, 10,000 directory reads; 500 contacts verified monthly ' +
  '(the sweep that asks them, priced per contact from the measured 1,000-contact sweep, and their 500 confirmations)';
