import type { DispatchContext } from '../dispatch/index.js';
import type { Responder } from './responder.js';

/** What every perf section gets; the responder is started the first time a section asks for it. */
export interface PerfContext {
  responder(): Promise<Responder>;
  /** The runner's clock and a fresh-connection agent pool, shared by the sections. */
  readonly dispatch: DispatchContext;
}

/**
 * One part of `npm run perf`: a name to select it by (`npm run perf -- <name> ...`), a line for
 * `--list`, and a run that returns the text block to print (figures, ratios, aims).
 */
export interface PerfSection {
  readonly name: string;
  readonly description: string;
  run(context: PerfContext): Promise<string>;
}
