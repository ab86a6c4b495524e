/** The route table (`shared/routes/index.ts`); kept so existing `shared/routes.js` imports work. */
export * from './routes/index.js';
