import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { loadExperimentFile, type ResolvedIat } from '../../../experiments/schema/index.js';

/**
 * The README says what readiness does to the first round of each shipped study. This keeps it
 * true: every experiments/<vendor>/*.json has a row, with the shortest first IAT its file allows,
 * and cold where that IAT outlasts any platform's keep-alive (a keep-alive study's first round is no sample).
 */

function shortestGapSeconds(iat: ResolvedIat): number {
  switch (iat.distribution) {
    case 'fixed':
      return iat.ms / 1000;
    case 'shifted-exponential':
      return iat.shiftMs / 1000;
    case 'uniform':
      return iat.minMs / 1000;
    case 'exponential':
      return 0;
  }
}

describe('README: readiness and the first round of each shipped study', () => {
  it('lists every study with its shortest first IAT and what readiness leaves of the first round', async () => {
    const readme = await readFile('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Readiness'), readme.indexOf('### `npm run conformance`'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| [a-z]/.test(line) && !line.startsWith('| studies'))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(rows.length).toBeGreaterThan(0);
    for (const vendor of ['aws', 'azure', 'gcp', 'cloudflare']) {
      for (const file of (await readdir(`experiments/${vendor}`)).filter((f) => f.endsWith('.json'))) {
        const study = file.replace(/\.json$/, '');
        const experiment = await loadExperimentFile(`experiments/${vendor}/${file}`, { drawSeed: () => 0 });
        const gap = Math.min(...experiment.subExperiments.map((sub) => shortestGapSeconds(sub.iat)));
        const row = rows.find(([studies, vendors]) => studies!.split(/,\s*/).includes(study) && vendors!.split(/,\s*/).includes(vendor));
        expect({ file: `${vendor}/${file}`, row: row?.slice(2, 4).map((cell, i) => (i === 1 ? cell.split(/[,:]/)[0] : cell)) }).toEqual({
          file: `${vendor}/${file}`,
          // A keep-alive study's first round only starts each replica's idle clock: it is no sample, whatever readiness did.
          row: [`${gap} s`, experiment.keepAlive !== null ? 'not a sample' : gap >= 60 ? 'cold' : 'warm'],
        });
      }
    }
  });
});
