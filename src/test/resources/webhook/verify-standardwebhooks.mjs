// Verifies one captured Touchmark webhook with the Standard Webhooks reference library (npm standardwebhooks).
// Usage: node verify-standardwebhooks.mjs <secret file> <headers JSON file> <body file>; exit 0 = verified.
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';

const [secretFile, headersFile, bodyFile] = process.argv.slice(2);
const secret = readFileSync(secretFile, 'utf8').trim();
const headers = JSON.parse(readFileSync(headersFile, 'utf8'));
const body = readFileSync(bodyFile, 'utf8');
try {
  const payload = new Webhook(secret).verify(body, headers);
  console.log(JSON.stringify({ verified: true, type: payload.type }));
} catch (e) {
  console.error(`verification failed: ${e.message}`);
  process.exit(1);
}
