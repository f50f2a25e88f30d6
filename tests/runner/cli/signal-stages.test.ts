import { describe, expect, test } from '@jest/globals';
import { createSignalStages } from '../../../runner/cli/signal-stages.js';

describe('what a stop signal means', () => {
  test('first stops, second aborts what is in flight, later ones change nothing', () => {
    const stage = createSignalStages(150);
    expect([stage('SIGINT', 0), stage('SIGINT', 1000), stage('SIGINT', 2000), stage('SIGTERM', 3000)]).toEqual(['stop', 'abort', 'already-stopping', 'already-stopping']);
  });

  test("npm's relayed copy of a Ctrl-C is the same interruption", () => {
    const stage = createSignalStages(150);
    // Terminal copy at 0, npm's copy 3 ms later; a second Ctrl-C 200 ms after the first, relayed again.
    expect([stage('SIGINT', 0), stage('SIGINT', 3), stage('SIGINT', 200), stage('SIGINT', 204)]).toEqual(['stop', 'duplicate', 'abort', 'duplicate']);
  });

  test('the window counts from the last signal that counted, so duplicates cannot swallow a later press', () => {
    const stage = createSignalStages(150);
    expect([stage('SIGINT', 0), stage('SIGINT', 140), stage('SIGINT', 200)]).toEqual(['stop', 'duplicate', 'abort']);
  });

  test('a different signal is never a duplicate', () => {
    const stage = createSignalStages(150);
    expect([stage('SIGTERM', 0), stage('SIGINT', 10)]).toEqual(['stop', 'abort']);
  });
});
