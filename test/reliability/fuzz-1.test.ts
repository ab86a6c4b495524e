/** Shard 1 of the fuzzing suite: ./fuzz-suite.ts, ./shards.ts. */
import { fuzzSuite } from './fuzz-suite.js';
import { SHARDS } from './shards.js';

fuzzSuite({ index: 1, count: SHARDS.fuzz });
