import { describe, expect, test } from '@jest/globals';
import { runRunPath } from '../../../runner/perf/run-path.js';
import { startScriptServer } from '../dispatch/script-server.js';

describe('the perf run path', () => {
  test('runs the engine with every sink against an endpoint and reports its plan, latencies and GC', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    try {
      const run = await runRunPath(server.url, 3, 20);
      expect(run.plannedMs).toEqual([20, 40, 60]);
      expect(run.latenciesMs).toHaveLength(3);
      expect(run.scheduleLagsMs.every((lag) => lag >= 0)).toBe(true);
      expect(run.dispatchedMonotonicMs).toHaveLength(3);
      expect(run.errors).toBe(0);
      expect(run.gc.acrossDispatch).toBeLessThanOrEqual(run.gc.pauses);
      expect(server.seen.map((s) => s.url)).toEqual(Array(3).fill('/fn?spinIncrements=0'));
    } finally {
      await server.close();
    }
  });
});
