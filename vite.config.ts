import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: src/web, built into dist/web, which the server serves. `npm run dev:web` proxies /api to :3000. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
