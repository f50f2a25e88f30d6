import { describe, expect, test } from '@jest/globals';
import { parseExperimentText, parseGoDurationMs } from '../../experiments/schema/index.js';

const parse = (value: unknown) =>
  parseExperimentText(JSON.stringify(value), 'stellar/cold-baseline-aws.json', { drawSeed: () => 5 });

describe("STeLLAR's experiment JSON", () => {
  test('a continuous-benchmarking file converts, and fields with no effect are named', () => {
    const experiment = parse({
      Sequential: false,
      Provider: 'aws',
      Runtime: 'python3.9',
      SubExperiments: [
        {
          Title: 'cold-baseline-aws',
          Function: 'hellopy',
          Handler: 'main.lambda_handler',
          PackageType: 'Zip',
          Bursts: 1000,
          BurstSizes: [1],
          IATSeconds: 600,
          DesiredServiceTimes: ['0ms'],
          Parallelism: 50,
          FunctionMemoryMB: 2048,
        },
      ],
    });
    expect(experiment.format).toBe('stellar');
    expect(experiment.title).toBe('cold-baseline-aws');
    expect(experiment.vendor).toBe('aws');
    expect(experiment.subExperiments[0]).toMatchObject({
      title: 'cold-baseline-aws',
      bursts: 1000,
      burstSizes: [1],
      parallelism: 50,
      memoryMb: 2048,
      runtime: 'python3.12',
      desiredServiceTimesMs: [0],
      serviceTimeOrder: 'step',
      iat: { distribution: 'shifted-exponential', shiftMs: 600_000, parametrisation: 'stellar' },
    });
    expect(experiment.subExperiments[0]?.iat).toMatchObject({ scaleMs: expect.closeTo(Math.log(600) * 1000, 9) });
    expect(experiment.conversionNotes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SubExperiments\[0\]\.Function has no effect/),
        expect.stringMatching(/^SubExperiments\[0\]\.Handler has no effect/),
        expect.stringMatching(/^SubExperiments\[0\]\.PackageType has no effect/),
        expect.stringMatching(/^Runtime "python3\.9" is past its end of support; faasbench uses python3\.12/),
      ]),
    );
  });

  test('deterministic IATs are truncated to whole seconds and image sizes to whole MiB, as STeLLAR does', () => {
    const experiment = parse({
      Provider: 'gcr',
      SubExperiments: [
        { Title: 'w', Bursts: 3, BurstSizes: [1, 2], IATSeconds: 2.7, IATType: 'deterministic', FunctionImageSizeMB: 50.9 },
      ],
    });
    expect(experiment.vendor).toBe('gcp');
    expect(experiment.subExperiments[0]?.iat).toEqual({ distribution: 'fixed', ms: 2000 });
    expect(experiment.subExperiments[0]?.packageSizeMb).toBe(50);
    expect(experiment.conversionNotes.join(' ')).toMatch(/IATSeconds 2\.7 is truncated to 2 s/);
    expect(experiment.conversionNotes.join(' ')).toMatch(/Provider "gcr"/);
  });

  test('errors name STeLLAR fields, not faasbench ones', () => {
    expect(() =>
      parse({ Provider: 'azure', Runtime: 'python3.8', SubExperiments: [{ Title: 'x', Bursts: 1, BurstSizes: [1], IATSeconds: 3 }] }),
    ).toThrow('STeLLAR experiment file stellar/cold-baseline-aws.json: Runtime "python3.8" (python3.12 in faasbench) is not available on azure; allowed is one of nodejs22.');
    expect(() =>
      parse({ Provider: 'aws', SubExperiments: [{ Bursts: 1, BurstSizes: [1], IATSeconds: 3, FunctionImageSizeMB: 300 }] }),
    ).toThrow('SubExperiments[0].FunctionImageSizeMB 300 is too large for aws');
    expect(() => parse({ Provider: 'openwhisk', SubExperiments: [{ Bursts: 1, BurstSizes: [1], IATSeconds: 3 }] })).toThrow(
      'Provider "openwhisk" is not supported',
    );
    expect(() => parse({ Provider: 'aws', SubExperiments: [{ Bursts: 1, BurstSizes: [1], IATSeconds: 3, Typo: 1 }] })).toThrow(
      'SubExperiments[0] has unknown field "Typo"; known fields here are ID, Title',
    );
  });

  test.each([
    ['0ms', 0], ['0', 0], ['250ms', 250], ['1.5s', 1500], ['1m30s', 90_000], ['100us', 0.1], ['2h', 7_200_000],
  ])('Go duration %s is %d ms', (text, ms) => {
    expect(parseGoDurationMs(text)).toBeCloseTo(ms, 9);
  });

  test.each(['', '1', '1x', 'ms', '1s2'])('%j is not a Go duration', (text) => {
    expect(parseGoDurationMs(text)).toBeNull();
  });
});
