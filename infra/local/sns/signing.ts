/**
 * Message signing as SNS does it: an RSA key and certificate (generated at start, or read back from
 * `dataDir` so older messages still verify), the string-to-sign per message type, and the signature
 * (SignatureVersion 1 = SHA1withRSA, 2 = SHA256withRSA).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedCertificate } from './der.js';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** PEM served at SigningCertURL. */
  readonly certificatePem: string;
}

const KEY_FILE = 'signing-key.pem';
const CERT_FILE = 'signing-cert.pem';

function generate(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Date.now();
  const certificatePem = selfSignedCertificate(publicKey, privateKey, {
    commonName: 'sns.local.liaison',
    organization: 'Liaison local SNS emulator',
    notBefore: new Date(now - 60 * 60 * 1000),
    notAfter: new Date(now + 10 * 365 * 24 * 60 * 60 * 1000),
  });
  return { privateKey, certificatePem };
}

/** The key pair of this emulator: kept in `dataDir` when given, so a restart keeps the same certificate. */
export function loadOrCreateSigningKey(dataDir?: string): SigningKey {
  if (dataDir) {
    const keyPath = join(dataDir, KEY_FILE);
    const certPath = join(dataDir, CERT_FILE);
    if (existsSync(keyPath) && existsSync(certPath)) {
      const privateKey = createPrivateKey(readFileSync(keyPath, 'utf8'));
      const certificatePem = readFileSync(certPath, 'utf8');
      return { privateKey, certificatePem };
    }
    const created = generate();
    writeFileSync(keyPath, created.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(certPath, created.certificatePem);
    return created;
  }
  return generate();
}

/** The public key matching `key` (for callers that want to check a signature without the certificate). */
export const publicKeyOf = (key: SigningKey): KeyObject => createPublicKey(key.privateKey);

/** The fields SNS signs, in the order it signs them, per message type. */
const SIGNED_FIELDS: Record<string, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** `Name\nvalue\n` for each signed field present in the message (absent Subject is skipped). */
export function stringToSign(message: Readonly<Record<string, unknown>>): string {
  const fields = SIGNED_FIELDS[String(message.Type)];
  if (!fields) throw new Error(`Unknown SNS message type ${String(message.Type)}`);
  let out = '';
  for (const field of fields) {
    const value = message[field];
    if (value === undefined || value === null) continue;
    out += `${field}\n${String(value)}\n`;
  }
  return out;
}

/** Base64 signature of the message's string-to-sign (SHA1withRSA for version "1", SHA256withRSA for "2"). */
export function signMessage(
  message: Readonly<Record<string, unknown>>,
  signatureVersion: '1' | '2',
  key: SigningKey,
): string {
  const algorithm = signatureVersion === '1' ? 'sha1' : 'sha256';
  return sign(algorithm, Buffer.from(stringToSign(message), 'utf8'), key.privateKey).toString('base64');
}
