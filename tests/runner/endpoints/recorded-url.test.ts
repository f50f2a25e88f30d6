import { describe, expect, test } from '@jest/globals';
import { recordedEndpoints, recordedEndpointUrl } from '../../../runner/endpoints/recorded-url.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';

describe('the URL results record', () => {
  test.each([
    ['https://abc.lambda-url.eu-west-1.on.aws/', 'https://abc.lambda-url.eu-west-1.on.aws/'],
    ['https://fn.azurewebsites.net/api/measure?code=s3cr3t', 'https://fn.azurewebsites.net/api/measure'],
    ['https://user:pa55@host.example:8443/path#frag', 'https://host.example:8443/path'],
    ['http://127.0.0.1:4321/fn/x?a=1&b=2', 'http://127.0.0.1:4321/fn/x'],
    ['not a url', ''],
  ])('%s is recorded as %s', (url, recorded) => {
    expect(recordedEndpointUrl(url)).toBe(recorded);
  });

  test('every endpoint of an output, nothing else changed', () => {
    const outputs = outputsFixture(experimentFixture('experiments/cloud.json'), 'https://k:v@example.invalid');
    const deployed = outputs.experiments[0] as (typeof outputs.experiments)[number];
    const withQuery = { ...deployed, subExperiments: deployed.subExperiments.map((s) => ({ ...s, endpoints: s.endpoints.map((e) => ({ ...e, url: `${e.url}?code=x` })) })) };
    const recorded = recordedEndpoints(withQuery);
    expect(recorded.subExperiments.flatMap((s) => s.endpoints.map((e) => e.url))).toEqual(['https://example.invalid/s0-r0', 'https://example.invalid/s0-r1', 'https://example.invalid/s1-r0']);
    expect({ ...recorded, subExperiments: [] }).toEqual({ ...withQuery, subExperiments: [] });
    expect(recorded.subExperiments[0]?.endpoints[0]).toEqual({ ...withQuery.subExperiments[0]?.endpoints[0], url: 'https://example.invalid/s0-r0' });
  });
});
