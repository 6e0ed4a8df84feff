/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)s$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }],
  },
  // These ship ES modules only; compile them for jest's CommonJS runtime.
  transformIgnorePatterns: ["/node_modules/(?!(lowdb|steno|jose|openid-client|oauth4webapi)/)"],
  testTimeout: 20000,
  setupFiles: ["<rootDir>/test/support/setup-env.js"],
};
