import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built site works from any directory of any static server.
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  esbuild: { target: 'es2022' },
});
