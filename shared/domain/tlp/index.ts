/** The TLP module: pure rules (`rules.ts`) and the one read of ceilings they need (`ceilings.ts`). */
export * from './ceilings.js';
export * from './rules.js';
