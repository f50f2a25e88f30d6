import { createDefaultEsmPreset } from 'ts-jest';

/** @type {import('jest').Config} */
export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Tests start real servers and child processes; two workers match the two cores of the CI machine.
  maxWorkers: 2,
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
