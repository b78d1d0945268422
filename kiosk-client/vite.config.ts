import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the page and the API share Vite's origin, as they share the reverse proxy's in
// production, so the client always talks to its own origin.
const backend = 'https://localhost:8443';

export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One chunk (React, socket.io, mediasoup-client, zod) loaded once per kiosk or desk session.
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      '/socket.io': { target: backend, ws: true, secure: false },
      '/api': { target: backend, secure: false },
    },
  },
});
