import { COMMENT_MARKER } from '../summary/index.js';

/**
 * The one pull request comment of a preview: the marker (so it is recognisable), a heading, and
 * each vendor's summary in turn (their own markers dropped). A vendor whose job produced nothing
 * is named, so a silent failure shows.
 */
export function prComment(input: { pr: number; sha: string; vendors: readonly string[]; summaries: ReadonlyMap<string, string>; runUrl: string | null }): string {
  const out = [COMMENT_MARKER, `## faasbench preview of #${input.pr} (${input.sha.slice(0, 7)})`, ''];
  out.push(
    `Vendors changed by this pull request: ${input.vendors.map((v) => `\`${v}\``).join(', ')}. ` +
      'Each got a `pr-<number>-<vendor>` stack (kept until the pull request closes), the conformance suite and a smoke study.' +
      (input.runUrl === null ? '' : ` [Workflow run](${input.runUrl}).`),
  );
  for (const vendor of input.vendors) {
    const summary = input.summaries.get(vendor);
    out.push('', summary === undefined ? `### ${vendor}\n\n**No summary:** the preview job of ${vendor} failed before it wrote one; see the workflow run.` : summary.replace(COMMENT_MARKER, '').trim());
  }
  return `${out.join('\n')}\n`;
}
