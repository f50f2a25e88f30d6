import { esc } from './escape.js';
import { REPORT_CSS } from './report-css.js';

/**
 * The page shell: one self-contained file. The Content-Security-Policy forbids every fetch the
 * page could make (scripts, styles, fonts, images, frames, connections) except its own inline
 * styles and inline SVG, so a report opened offline or from an archive never reaches out, even if
 * a future chart brought a link along.
 */

const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="faasbench">
<title>${esc(title)}</title>
<style>
${REPORT_CSS}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
