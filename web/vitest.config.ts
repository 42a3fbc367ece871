import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Component and unit tests of every workspace package and app (jsdom stands in for the browser;
// the real browser runs in tests/e2e/web with Playwright).
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["packages/*/src/**/*.test.{ts,tsx}", "apps/*/src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    testTimeout: 30_000,
  },
});
