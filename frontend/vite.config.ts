/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the Vite server proxies the API to Django (HIEULUC_API, default the quick start's address).
const api = process.env.HIEULUC_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": api, "/feeds": api, "/media": api, "/admin": api, "/static": api } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: { environment: "happy-dom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
