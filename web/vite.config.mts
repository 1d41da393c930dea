import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { TDesignResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// Where `vite` (dev) forwards /api; the local server's default port unless told otherwise.
const apiTarget = process.env.PORTAL_API_TARGET ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [
    vue(),
    Components({
      // Only tdesign is resolved on demand; our own components are imported explicitly so a
      // reader sees where they come from.
      dirs: [],
      resolvers: [TDesignResolver({ library: 'vue-next' })],
      dts: fileURLToPath(new URL('./components.d.ts', import.meta.url)),
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
