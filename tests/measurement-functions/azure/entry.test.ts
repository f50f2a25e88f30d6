import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { APP_ENV, TOKEN } from './fixtures.js';

/**
 * How the test sees the registration: @azure/functions hands every `app.http` call to the
 * worker's built-in module `@azure/functions-core` (registerFunction(metadata, handler)), which
 * only exists inside the Azure worker. Jest supplies that module here (a virtual mock), so the
 * library runs its real code path, converting the options into the binding metadata the host
 * reads, and the test captures exactly what the worker would receive.
 */

interface Registration {
  readonly metadata: { name: string; bindings: Record<string, Record<string, unknown>> };
  readonly callback: (...args: unknown[]) => unknown;
}

const registrations: Registration[] = [];
const programmingModels: { name: string }[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  jest.mock(
    '@azure/functions-core',
    () => ({
      setProgrammingModel: (model: { name: string }) => programmingModels.push(model),
      registerFunction: (metadata: Registration['metadata'], callback: Registration['callback']) => {
        registrations.push({ metadata, callback });
        return { dispose() {} };
      },
    }),
    { virtual: true },
  );
  Object.assign(process.env, APP_ENV);
  await import('../../../measurement-functions/azure/entry.js');
});

afterAll(() => {
  process.env = savedEnv;
});

describe('the entry module', () => {
  test('registers one function, "measure", as an anonymous GET/POST HTTP trigger with an HTTP return', () => {
    expect(programmingModels.map((m) => m.name)).toEqual(['@azure/functions']);
    expect(registrations).toHaveLength(1);
    const [registration] = registrations;
    expect(registration?.metadata.name).toBe('measure');
    const bindings = Object.values(registration?.metadata.bindings ?? {});
    expect(bindings).toHaveLength(2);
    expect(bindings).toContainEqual(expect.objectContaining({ type: 'httpTrigger', direction: 'in', authLevel: 'anonymous', methods: ['GET', 'POST'] }));
    expect(bindings).toContainEqual(expect.objectContaining({ type: 'http', direction: 'out' }));
    // No route: the function name is the route, which the deploy's URLs rely on.
    expect(bindings.some((b) => 'route' in b)).toBe(false);
  });

  test('registers the module-level measurement handler', async () => {
    const { measure } = await import('../../../measurement-functions/azure/measure.js');
    expect(registrations[0]?.callback).toBe(measure);
    const reply = await measure(
      new HttpRequest({ method: 'GET', url: 'https://app.azurewebsites.net/api/measure', headers: { 'x-faasbench-token': TOKEN } }),
      new InvocationContext({ invocationId: 'entry-1' }),
    );
    expect(reply).toMatchObject({ status: 200, jsonBody: { coldStart: true, refusedBeforeFirst: 0, requestId: 'entry-1' } });
  });
});
