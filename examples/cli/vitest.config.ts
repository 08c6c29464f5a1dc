import { defineConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.js';

// The examples are plain JavaScript: their test is too.
export default defineConfig({
  test: { ...testDefaults, include: ['test/**/*.test.js'], testTimeout: 60_000 },
});
