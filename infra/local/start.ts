/**
 * `npm start`: DynamoDB Local (data kept in `.liaison/dynamodb/`), the table, the local SNS on
 * http://127.0.0.1:4002 (SNS_PORT overrides; `.liaison/sns/`), the local EventBridge Scheduler
 * (`.liaison/scheduler/`, firing every LIAISON_SCHEDULER_TICK_MS, default 1 s, into the scheduled
 * functions of infra/functions.ts), the local S3 on http://127.0.0.1:4003 (S3_PORT; the evidence
 * bucket, `.liaison/s3/`), and the HTTP API on http://127.0.0.1:3000 (PORT overrides),
 * running the same handlers as AWS. Ctrl-C stops everything.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadSecret } from './auth.js';
import { type LocalConfig, readLocalConfig } from './config.js';
import { localConsole } from './console.js';
import {
  type DynamoDbLocal,
  ensureTable,
  JavaMissingError,
  localDynamoDbClient,
  startDynamoDbLocal,
} from './dynamodb.js';
import { LOCAL_INBOUND_DOMAIN, localInbound } from './inbound.js';
import { ensureEvidenceBucket, LOCAL_EVIDENCE_BUCKET, type LocalS3, startLocalS3 } from './s3.js';
import {
  ensureScheduleGroup,
  LOCAL_TOPICS,
  localInvoke,
  localScheduling,
  registerRecurring,
} from './scheduled.js';
import { createLocalScheduler, type LocalScheduler } from './scheduler/index.js';
import { closeServer, createLocalApi, listenLocal, localEnvironment } from './server.js';
import { type LocalSns, startLocalSns } from './sns/index.js';

const TABLE_NAME = 'liaison-local';
const DATA_DIR = fileURLToPath(new URL('../../.liaison/dynamodb/', import.meta.url));
const SNS_DIR = fileURLToPath(new URL('../../.liaison/sns/', import.meta.url));
const SCHEDULER_DIR = fileURLToPath(new URL('../../.liaison/scheduler/', import.meta.url));
const S3_DIR = fileURLToPath(new URL('../../.liaison/s3/', import.meta.url));
const INBOUND_DIR = fileURLToPath(new URL('../../.liaison/inbound/', import.meta.url));

/** True when something already listens on 127.0.0.1:port (checked before Java is started). */
function portTaken(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'EADDRINUSE'));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(false)));
  });
}

const portInUse = (port: number, name = 'PORT') =>
  `port ${port} is in use; set ${name}=<another port> (e.g. ${name}=${port + 1} npm start)`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const started = Date.now();
  let settings: LocalConfig;
  try {
    settings = readLocalConfig();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { port, snsPort, s3Port } = settings;
  if (await portTaken(port)) fail(portInUse(port));
  if (await portTaken(snsPort)) fail(portInUse(snsPort, 'SNS_PORT'));
  if (await portTaken(s3Port)) fail(portInUse(s3Port, 'S3_PORT'));
  // Node 20 is this project's runtime; the SDK's "node 22 from 2027" notice would be the first line.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  let db: DynamoDbLocal;
  try {
    db = await startDynamoDbLocal({ dataDir: DATA_DIR });
  } catch (error) {
    if (error instanceof JavaMissingError) fail(error.message);
    fail(`Could not start DynamoDB Local: ${error instanceof Error ? error.message : String(error)}`);
  }

  let server: ReturnType<typeof createLocalApi> | undefined;
  let sns: LocalSns | undefined;
  let s3: LocalS3 | undefined;
  let scheduler: LocalScheduler | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await scheduler?.stop(); // no new firings first, then the API they may call, then the services
      if (server) await closeServer(server);
      await sns?.stop();
      await s3?.stop();
      await db.stop();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const client = localDynamoDbClient(db.endpoint);
    await ensureTable(client, TABLE_NAME);
    client.destroy();

    sns = await startLocalSns({ port: snsPort, dataDir: SNS_DIR }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new Error(portInUse(snsPort, 'SNS_PORT'));
      throw error;
    });
    s3 = await startLocalS3({ port: s3Port, dataDir: S3_DIR });
    await ensureEvidenceBucket(s3.endpoint);
    scheduler = createLocalScheduler({ dataDir: SCHEDULER_DIR, invoke: localInvoke() });
    const schedulerEndpoint = await scheduler.listen();
    await ensureScheduleGroup(schedulerEndpoint);
    const scheduling = localScheduling();
    // The notification sweeper, every LIAISON_SWEEP_INTERVAL (default: its AWS rate, 5 minutes), and
    // the verification sweep, every LIAISON_VERIFICATION_INTERVAL (default: LIAISON_SWEEP_INTERVAL, else 1 day).
    registerRecurring(scheduler, undefined, {
      'notification-sweeper': settings.sweepInterval,
      'verification-sweep': settings.verificationInterval,
    });

    const secret = loadSecret();
    server = createLocalApi({
      secret,
      console: localConsole({ secret }),
      // Raw RFC 822 replies to an incident's reply address (docs/inbound-email.md).
      inboundEmail: localInbound({ dir: INBOUND_DIR }),
      environment: {
        ...localEnvironment({
          tableName: TABLE_NAME,
          dynamodbEndpoint: db.endpoint,
          snsEndpoint: sns.endpoint,
          schedulerEndpoint,
          topics: LOCAL_TOPICS,
          scheduling,
          s3: { endpoint: s3.endpoint, bucket: LOCAL_EVIDENCE_BUCKET },
          logLevel: settings.logLevel,
          inboundDomain: LOCAL_INBOUND_DOMAIN,
        }),
        // The link of verification messages (docs/verification.md) points at this API.
        LIAISON_PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      },
      onRequest: (line) => console.log(line),
    });
    const url = await listenLocal(server, port).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new Error(portInUse(port));
      throw error;
    });
    scheduler.start({ intervalMs: settings.schedulerTickMs });
    const jobs = Object.keys(scheduling.targets).length;
    console.log(`Liaison local API on ${url}, ready in ${Date.now() - started} ms
  console:    ${url}/ (sign in at ${url}/local/sign-in; build it first: npm run web:build)
  DynamoDB:   ${db.endpoint} (table ${TABLE_NAME})
  SNS:        ${sns.endpoint} (mailbox: npm run mailbox)
  S3:         ${s3.endpoint} (evidence bucket ${LOCAL_EVIDENCE_BUCKET}, .liaison/s3/)
  Scheduler:  ${schedulerEndpoint} (group ${scheduling.group}, ${jobs} scheduled function(s), tick ${settings.schedulerTickMs} ms)
  e-mail in:  curl --data-binary @reply.eml ${url}/local/inbound-email (reply addresses @${LOCAL_INBOUND_DOMAIN})
  token:      TOKEN=$(npm run -s token -- --role coordinator)
  try:        curl -H "Authorization: Bearer $TOKEN" ${url}/incidents
  Ctrl-C stops everything.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await stop(1);
  }
}

await main();
