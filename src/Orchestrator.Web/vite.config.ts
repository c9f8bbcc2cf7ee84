import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Built into the server's wwwroot, which serves it at "/"; `npm run dev` proxies the API to a running server.
export default defineConfig({
  plugins: [react()],
  // The form-js viewer (and later bpmn-js) are large by nature; one bundle is fine for an intranet app.
  build: { outDir: '../Orchestrator.Server/wwwroot', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { proxy: { '/v2': 'http://localhost:8080', '/api': 'http://localhost:8080' } },
  test: { environment: 'node' },
})
