import { defineConfig } from 'vite';

// The console is static: index.html + hashed assets under assets/, served next to the API
// (hash routing, so no console path can collide with an API path).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 300,
    manifest: true,
  },
});
