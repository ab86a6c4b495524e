/**
 * `npm run mailbox`: what the local SNS of a running `npm start` "sent" by email and SMS (and to
 * SQS), oldest first. The local SNS listens on the fixed port 4002 (SNS_PORT overrides, for both).
 *
 *   npm run mailbox                              every entry
 *   npm run mailbox -- --to security@acme.example   one recipient
 *   npm run mailbox -- --json                    the raw entries
 *   npm run mailbox -- --clear                   empty it
 */
import { parseArgs } from 'node:util';
import { readLocalConfig } from './config.js';
import type { MailboxEntry } from './sns/index.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { to: { type: 'string' }, json: { type: 'boolean' }, clear: { type: 'boolean' } },
  });
  let snsPort: number;
  try {
    snsPort = readLocalConfig().snsPort;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const url = new URL(`http://127.0.0.1:${snsPort}/local/mailbox`);
  if (values.to) url.searchParams.set('to', values.to);

  let res: Response;
  try {
    res = await fetch(url, { method: values.clear ? 'DELETE' : 'GET' });
  } catch {
    fail(`No local SNS on 127.0.0.1:${snsPort}: is \`npm start\` running (with the same SNS_PORT)?`);
  }
  if (!res.ok) fail(`${url} answered ${res.status}`);
  if (values.clear) {
    console.log('Mailbox cleared.');
    return;
  }
  const entries = (await res.json()) as MailboxEntry[];
  if (values.json) {
    console.log(JSON.stringify(entries, null, 2));
    return;
  }
  if (entries.length === 0) {
    console.log(values.to ? `No messages for ${values.to}.` : 'The mailbox is empty.');
    return;
  }
  for (const e of entries) {
    const kind =
      e.type === 'SubscriptionConfirmation' ? 'confirm subscription' : (e.subject ?? '(no subject)');
    console.log(`${e.at}  ${e.protocol.padEnd(10)} ${e.to}  ${kind}`);
    if (e.replyTo) console.log(`    Reply-To: ${e.replyTo}`);
    const text = e.message.length > 500 ? `${e.message.slice(0, 500)}…` : e.message;
    for (const line of text.split('\n')) console.log(`    ${line}`);
  }
  console.log(`${entries.length} message(s).`);
}

await main();
