import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests talk to loopback servers and child processes; a generous timeout keeps a slow CI
    // machine from failing them, while behaviour (not timing) is what they assert.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
