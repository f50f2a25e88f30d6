import { describe, expect, test } from '@jest/globals';
import { tableOf } from '../../../runner/results/latency-table.js';
import { resolvedExperimentDocument } from '../../../runner/results/resolved-file.js';
import { calibrationRows } from '../../../runner/report/calibration-rows.js';
import { parseRunDocument, type RunDocument } from '../../../runner/report/resolved-document.js';
import { runFacts } from '../../../runner/report/run-facts.js';
import { calibrationFixture, failedRecordFixture, recordFixture, runInfoFixture } from '../results/records.js';

const { run, token } = runInfoFixture();
const documentText = JSON.stringify(
  resolvedExperimentDocument({ run, status: 'failed', reason: 'the stack went away', endMs: 61_750, calibrations: [calibrationFixture()], done: { bursts: 1, requests: 1, errors: 0 } }),
);

describe('experiment.resolved.json as the report reads it', () => {
  test('the writer’s document reads back whole; endpoint URLs are reduced to regions', () => {
    const document = parseRunDocument(documentText) as RunDocument;
    expect(document).toMatchObject({
      runId: run.runId,
      status: 'failed',
      reason: 'the stack went away',
      toolVersion: '0.1.0',
      originEpochMs: run.originEpochMs,
      durationMs: 61_750,
      endpointSource: 'stack',
      regions: ['eu-west-1'],
    });
    expect(document.experiment).toEqual(JSON.parse(JSON.stringify(run.experiment)));
    expect(document.calibrations).toEqual([calibrationFixture()]);
    expect(JSON.stringify(document)).not.toContain('https://');
    expect(JSON.stringify(document)).not.toContain(token);
  });

  test('lenient field by field: missing or odd fields become null, the rest stays', () => {
    const document = parseRunDocument(JSON.stringify({ runId: 'r1', status: 'exploded', durationMs: 'long', calibrations: 'none', experiment: { title: 3 } })) as RunDocument;
    expect(document).toMatchObject({ runId: 'r1', status: null, durationMs: null, calibrations: [], experiment: null, regions: [], toolVersion: null });
  });

  test('not JSON, or not an object: the reason, in words', () => {
    expect(parseRunDocument('{"runId": ')).toMatch(/^it is not valid JSON/);
    expect(parseRunDocument('[1, 2]')).toBe('it is not a JSON object');
  });
});

describe('run facts', () => {
  test('from the document when there is one', () => {
    const facts = runFacts({ runDir: '/r/fixture/x', table: tableOf([recordFixture(), failedRecordFixture('TIMEOUT')]), document: parseRunDocument(documentText) as RunDocument, documentProblem: null });
    expect(facts).toMatchObject({
      runId: run.runId,
      experimentTitle: 'fixture',
      status: 'failed',
      seed: 1,
      vendor: 'aws',
      regions: ['eu-west-1'],
      requests: 2,
      failedRequests: 1,
      startedAt: '2026-11-23T14:05:12.250Z',
      durationMs: 61_750,
    });
  });

  test('from the folder and the records without one', () => {
    const facts = runFacts({ runDir: '/r/image-size/2026-11-23T14-05-12Z-3f9a', table: tableOf([recordFixture({ endMs: 900 }), recordFixture({ endMs: 1200 })]), document: null, documentProblem: 'experiment.resolved.json is missing' });
    expect(facts).toMatchObject({
      runId: '2026-11-23T14-05-12Z-3f9a',
      experimentTitle: 'image-size',
      status: 'unknown',
      seed: null,
      vendor: 'aws',
      regions: ['eu-west-1'],
      durationMs: null,
      lastResponseMs: 1200,
      documentProblem: 'experiment.resolved.json is missing',
    });
  });
});

describe('calibration rows', () => {
  test('calibration’s choice and result next to the run’s median service time, per desired time', () => {
    const calibration = calibrationFixture({
      points: [
        { desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: 0.01 },
        { desiredServiceTimeMs: 50, spinIncrements: 75_000, achievedServiceTimeMs: 49.5 },
      ],
    });
    const records = [
      recordFixture({ desiredServiceTimeMs: 50, serviceTimeMs: 50.5 }),
      recordFixture({ desiredServiceTimeMs: 50, serviceTimeMs: 51.5 }),
      recordFixture({ desiredServiceTimeMs: 0, serviceTimeMs: 0.25 }),
    ];
    expect(calibrationRows([calibration], records)).toEqual([
      { subExperimentIndex: 0, subExperiment: 'warm', desiredServiceTimeMs: 0, spinIncrements: 0, calibrationAchievedMs: 0.01, timedBy: 'function', runAchievedMedianMs: 0.25, problem: null },
      { subExperimentIndex: 0, subExperiment: 'warm', desiredServiceTimeMs: 50, spinIncrements: 75_000, calibrationAchievedMs: 49.5, timedBy: 'function', runAchievedMedianMs: 51, problem: null },
    ]);
    // Without calibration results (no resolved file) the run's side is still shown.
    expect(calibrationRows([], records).map((row) => [row.desiredServiceTimeMs, row.spinIncrements, row.runAchievedMedianMs])).toEqual([
      [0, null, 0.25],
      [50, null, 51],
    ]);
  });
});
