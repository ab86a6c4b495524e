/**
 * `npx tsx infra/local/sns/main.ts`: the local SNS endpoint on its own, on http://127.0.0.1:4002
 * (SNS_PORT overrides), state kept in `.liaison/sns/`. Point the app at it with
 * LIAISON_SNS_ENDPOINT=http://127.0.0.1:4002. Ctrl-C stops it.
 */
import { fileURLToPath } from 'node:url';
import { startLocalSns } from './index.js';

const DATA_DIR = fileURLToPath(new URL('../../../.liaison/sns/', import.meta.url));

// Tooling reads its own knobs here; the handlers read theirs through shared/config.ts.
const portText = process.env.SNS_PORT ?? '4002';
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`SNS_PORT must be a port number, got "${portText}"`);
  process.exit(1);
}
const sns = await startLocalSns({ port, dataDir: DATA_DIR });
console.log(`Local SNS on ${sns.endpoint} (state in ${DATA_DIR})
  app:      LIAISON_SNS_ENDPOINT=${sns.endpoint}
  mailbox:  curl ${sns.endpoint}/local/mailbox`);
const stop = () => void sns.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
