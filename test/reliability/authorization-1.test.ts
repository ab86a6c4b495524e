/** Shard 1 of the authorization matrix: ./authorization-suite.ts, ./shards.ts. */
import { authorizationSuite } from './authorization-suite.js';
import { SHARDS } from './shards.js';

authorizationSuite({ index: 1, count: SHARDS.authorization });
