import http from 'node:http';

/**
 * The baseline: the least a Node client can do with node:http and fresh connections. No
 * listeners beyond what timing needs, no timeout, no body kept.
 */
export function rawOptions(url: string): http.RequestOptions {
  const { hostname, port, pathname, search } = new URL(url);
  return {
    hostname,
    port: Number(port),
    path: `${pathname}${search}`,
    method: 'GET',
    headers: { 'x-faasbench-token': 'perf-token-0123456789' },
    agent: new http.Agent({ keepAlive: false, maxSockets: Infinity }),
  };
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** One request; resolves with its latency in ms, call to end of body. */
export function rawLatencyMs(options: http.RequestOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const startMs = nowMs();
    const request = http.request(options, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(nowMs() - startMs));
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * A bare schedule: one request every `iatMs`, the first `firstInMs` from now (one IAT by default),
 * each started by a setTimeout aimed at its absolute due time (so lateness does not accumulate).
 * What a careful script without any harness would do. Resolves with the due times (from the
 * start) and latencies once all answered.
 */
export async function rawSchedule(
  options: http.RequestOptions,
  rounds: number,
  iatMs: number,
  firstInMs = iatMs,
): Promise<{ plannedMs: number[]; latenciesMs: number[] }> {
  const startMs = nowMs() + firstInMs - iatMs;
  const plannedMs = Array.from({ length: rounds }, (_, k) => (k + 1) * iatMs);
  const answers: Promise<number>[] = [];
  await new Promise<void>((done) => {
    let k = 0;
    const fire = () => {
      answers.push(rawLatencyMs(options));
      k += 1;
      if (k === rounds) done();
      else setTimeout(fire, Math.max(0, startMs + (plannedMs[k] as number) - nowMs()));
    };
    setTimeout(fire, Math.max(0, startMs + (plannedMs[0] as number) - nowMs()));
  });
  return { plannedMs, latenciesMs: await Promise.all(answers) };
}

/** A naive burst: `size` requests started in a plain loop; spreads of call and of 'finish' times. */
export async function rawBurst(options: http.RequestOptions, size: number): Promise<{ dispatchSpreadMs: number; sentSpreadMs: number }> {
  const dispatched = new Float64Array(size);
  const sent = new Float64Array(size);
  const done: Promise<void>[] = [];
  for (let i = 0; i < size; i++) {
    dispatched[i] = nowMs();
    const request = http.request(options);
    done.push(
      new Promise((resolve, reject) => {
        request.on('finish', () => {
          sent[i] = nowMs();
        });
        request.on('response', (response) => {
          response.on('data', () => {});
          response.on('end', resolve);
        });
        request.on('error', reject);
      }),
    );
    request.end();
  }
  await Promise.all(done);
  return { dispatchSpreadMs: spread(dispatched), sentSpreadMs: spread(sent) };
}

function spread(times: Float64Array): number {
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  return max - min;
}
