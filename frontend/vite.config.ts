// Builds the web app into dist/, which the API serves at /. In development,
// `npm run dev` proxies /graphql to a service started with `sir serve --demo`.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // cytoscape alone is about 400 kB; it is loaded only by the graph view.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:8000',
    },
  },
});
