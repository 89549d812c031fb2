// Builds the web client into dist/: hashed files under assets/ (served immutable by marquee), index.html beside
// them. `npm run dev` proxies the API to a local `marquee serve` (MARQUEE_URL, default http://127.0.0.1:8080).
import { defineConfig } from "vite";

const api = process.env.MARQUEE_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    target: "es2022",
    assetsDir: "assets",
    // marquee's CSP allows no inline code; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { "/api": api, "/health": api },
  },
});
