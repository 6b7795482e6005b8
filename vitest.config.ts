import { defineConfig } from 'vitest/config'

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'widget/**/*.test.ts', 'tests/*.test.ts'],
          // Tests and hooks that start real servers and CLIs wait for them: slow when the machine is busy
          // (at a load of 18 to 40 here, the naughty-strings, two-process and CLI tests ran past 30 s).
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Real WordPress and Ghost, installed and started by their setup scripts: npm run test:wordpress, test:ghost.
          name: 'platforms',
          include: ['tests/platforms/**/*.test.ts'],
          testTimeout: 120_000,
          // A clean machine installs Debian's packages (WordPress) or builds Ghost from npm first.
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Caddy and nginx from Debian in front of a real server, the systemd unit: npm run test:deploy.
          name: 'deploy',
          include: ['tests/deploy/**/*.test.ts'],
          testTimeout: 120_000,
          // A clean machine installs Debian's caddy and nginx first.
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
