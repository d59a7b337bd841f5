// Flat config: typescript-eslint's recommended type-aware-free rules for sources, tests and scripts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", ".vscode-test/**", "test-results/**", "bench-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
      eqeqeq: ["error", "smart"],
    },
  },
  {
    // The domain model, AWS access layer, sandbox and language server never depend on the editor.
    files: ["src/model/**", "src/aws/**", "src/sandbox/**", "src/server/**", "src/live/**", "src/protocol/**"],
    rules: { "no-restricted-imports": ["error", { paths: ["vscode"] }] },
  },
  {
    // Plain CommonJS helpers (the activation benchmark's stand-in for `vscode`) load with require.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The service map webview runs in the browser.
    files: ["src/webview/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["media/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
