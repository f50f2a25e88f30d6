import { z } from 'zod';

/**
 * The hop reports nested in a chain's answer (measurement-functions/chain/hop-protocol.ts), read
 * leniently: each hop is checked on its own, and the walk stops at the first that is not a hop
 * report (a hop that never answered, or answered something else).
 */

const Stamp = z.object({ epochMs: z.number(), monotonicMs: z.number() });
const Timing = z.object({ durationMs: z.number(), authMs: z.number() }).nullable();

const HopReportShape = z.object({
  chainId: z.string(),
  position: z.int().min(0),
  length: z.int().min(2),
  transfer: z.enum(['inline', 'storage']),
  payloadBytes: z.number(),
  stamps: z.object({
    receivedAt: Stamp,
    payloadReadyAt: Stamp.nullable(),
    handedOnAt: Stamp.nullable(),
    answerReceivedAt: Stamp.nullable(),
    respondedAt: Stamp,
  }),
  storage: z.object({ service: z.string().nullable(), put: Timing, get: Timing, delete: Timing }),
  errors: z.array(z.object({ stage: z.string(), code: z.string(), message: z.string() })),
  next: z.object({ status: z.number().nullable(), body: z.unknown() }).nullable(),
});

const HopAnswerShape = z.object({
  instanceId: z.string(),
  coldStart: z.boolean(),
  initEndedAt: z.number().nullable(),
  handlerStartedAt: z.number(),
  chain: HopReportShape,
});

export type HopAnswer = z.infer<typeof HopAnswerShape>;
export type ParsedStamp = z.infer<typeof Stamp>;

/** Most hops a walk follows: more than any chain may have, so a malicious answer cannot loop it long. */
const MAX_HOPS = 64;

/** The hops of one chain answer, hop 0 first, as far as each answered with a hop report. */
export function hopAnswers(body: unknown): HopAnswer[] {
  const hops: HopAnswer[] = [];
  let at = body;
  while (hops.length < MAX_HOPS) {
    const parsed = HopAnswerShape.safeParse(at);
    if (!parsed.success || parsed.data.chain.position !== hops.length) break;
    hops.push(parsed.data);
    at = parsed.data.chain.next?.body;
  }
  return hops;
}

/** A JSON body as a value, or null when it is not JSON. */
export function parseBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
