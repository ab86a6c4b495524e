/** Writes docs/openapi.json from the route table (`npm run openapi`); a test checks it is current. */
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../shared/openapi.js';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
