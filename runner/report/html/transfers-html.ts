import type { TransferReport } from '../../transfers/index.js';
import { msText, NO_VALUE } from '../format-values.js';
import { cell, esc } from './escape.js';

/**
 * The data-transfer section of a chain run: transfer time per sub-experiment, hop and receiver
 * class, from transfer-statistics (transfers.csv). What each figure's clocks are is said once,
 * above the table.
 */
export function transfersHtml(report: TransferReport): string {
  const head = ['sub-experiment', 'hop', 'transfer', 'payload bytes', 'receiver', 'n', 'errors', 'transfer p50 ms', 'p99 ms', 'Mb/s at p50', 'put p50 ms', 'get p50 ms', 'cross-clock p50 ms'];
  const numeric = (text: string) => cell(text, { numeric: true });
  const body = report.rows
    .map((row) =>
      [
        cell(row.subExperiment),
        numeric(`${row.hop} → ${row.hop + 1}`),
        cell(row.transfer),
        numeric(String(row.payloadBytes)),
        `<td class="class-${esc(row.class)}">${esc(row.class)}</td>`,
        numeric(String(row.transferMs.count)),
        numeric(String(row.transferMs.errors)),
        numeric(msText(row.transferMs.p50Ms)),
        numeric(msText(row.transferMs.p99Ms)),
        numeric(row.bandwidthAtMedianMbps === null ? NO_VALUE : row.bandwidthAtMedianMbps.toFixed(1)),
        numeric(msText(row.putMedianMs)),
        numeric(msText(row.getMedianMs)),
        numeric(msText(row.crossClockMedianMs)),
      ].join(''),
    )
    .map((cells) => `<tr>${cells}</tr>`)
    .join('\n');
  return `<p>${report.transfers} hop-to-hop transfers in transfers.csv. <strong>transfer</strong> is (answer received − payload ready) on the sender's clock minus (responded − payload ready) on the receiver's: two differences on one clock each, so no clock skew enters it; it is an upper bound that holds the answer's way back and, for a cold receiver, its start. <strong>cross-clock</strong> subtracts the sender's wall clock from the receiver's: it carries the offset between the two instances' clocks and is shown only next to STeLLAR's figures, never used for bandwidth.</p>
<table class="summary"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}
