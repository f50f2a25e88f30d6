import { beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { loadExperimentFile } from '../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import { installMocks, type RecordedResource } from './pulumi-mocks.js';

/**
 * A keep-alive file deploys like any other: the Pulumi program (under Pulumi's mocks) sees the
 * sub-experiments its `keepAlive` block expanded into, one function per replica of every idle
 * time, and exports them under the indexes and titles the resolved study records.
 */

let resources: RecordedResource[];

beforeAll(async () => {
  ({ resources } = await installMocks());
});

describe('a keep-alive study on a stack', () => {
  test('one Lambda function per replica of every idle time, exported per sub-experiment as the study records it', async () => {
    pulumi.runtime.setAllConfig({
      'faasbench:experiments': JSON.stringify(['experiments/aws/keep-alive.json']),
      'faasbench:aws': JSON.stringify({ region: 'eu-west-1' }),
    });
    const { faasbenchStack } = await import('../../infra/stack.js');
    const outputs = await faasbenchStack();
    const [deployed] = await new Promise<ExperimentOutput[]>((resolve) => outputs.experiments.apply(resolve));
    const study = (await loadExperimentFile('experiments/aws/keep-alive.json', { drawSeed: () => 0 })).keepAlive!;
    expect(deployed?.subExperiments.map((sub) => [sub.index, sub.title, sub.endpoints.length])).toEqual(
      study.idleTimes.map((idle) => [idle.subExperimentIndex, idle.subExperimentTitle, idle.replicas]),
    );
    const functions = resources.filter((resource) => resource.type === 'aws:lambda/function:Function');
    expect(functions).toHaveLength(study.idleTimes.reduce((sum, idle) => sum + idle.replicas, 0));
  });
});
