// ESLint (flat config): typescript-eslint's recommended rules and React's hooks rules, over the app, its unit tests
// and the browser tests. Run by `npm run lint` and by scripts/frontend.sh test (before Vitest).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "artifacts", "test-results", "playwright-report", "node_modules", "src/schema/schema.d.ts", ".rename-check-*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // `_name` marks a parameter kept for its position.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["e2e/**", "scripts/**", "*.config.{js,ts}"],
    languageOptions: { globals: { ...globals.node } },
  },
);
