import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../experiments/schema/index.js';
import { mergeIntoHistory } from './merge.js';
import { buildHistorySite } from './site/build-site.js';

export const HISTORY_USAGE = `Usage:
  npm run history -- merge --into STORE RESULTS...   fold run folders (results folders, CI
                                                     artifacts) into the history store; a run id
                                                     already there is skipped
  npm run history -- site --history STORE [--out DIR]  build the static site (default DIR:
                                                     STORE/site): index.html and the latest
                                                     report of each study`;

export interface HistoryIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly now?: () => Date;
}

export async function historyCli(argv: readonly string[], io: HistoryIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help') {
      io.stdout.write(`${HISTORY_USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { into: { type: 'string' }, history: { type: 'string' }, out: { type: 'string' } } });
    } catch (error) {
      throw new UserError(`${(error as Error).message.replace(/\.$/, '')}; run \`npm run history -- --help\`.`);
    }
    const { values, positionals } = parsed;
    if (command === 'merge') {
      if (values.into === undefined) throw new UserError('history merge needs --into STORE, the history folder to add runs to.');
      if (positionals.length === 0) throw new UserError('history merge needs at least one results folder to read runs from.');
      const report = await mergeIntoHistory(values.into, positionals);
      io.stdout.write(`history ${values.into}: ${report.added.length} run(s) added, ${report.duplicates.length} already there\n`);
      for (const skipped of report.skipped) io.stderr.write(`faasbench history: skipped ${skipped.dir}: ${skipped.why}\n`);
      return report.skipped.length > 0 ? 1 : 0;
    }
    if (command === 'site') {
      const store = values.history ?? positionals[0];
      if (store === undefined) throw new UserError('history site needs --history STORE, the history folder to build the site from.');
      const out = values.out ?? path.join(store, 'site');
      const started = performance.now();
      const site = await buildHistorySite(store, out, io.now?.() ?? new Date());
      io.stdout.write(
        `site: ${site.indexPath} (${site.runs} runs, ${site.studies} studies, ${site.changes} marked changes, ${site.reports} reports linked; ${((performance.now() - started) / 1000).toFixed(2)} s)\n`,
      );
      return 0;
    }
    throw new UserError(`history ${command} is not a command; the commands are merge and site.`);
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench history: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`faasbench history: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
