import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  ContainerSASPermissions,
  generateAccountSASQueryParameters,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AzureHandler, azureConfigFromEnv, createAzureHandler } from '../../../measurement-functions/azure/index.js';
import { CHAIN_ENV, CHAIN_HEADERS, CHAIN_PAYLOAD_PARAM, chainConfigFromEnv, nextHopFromEnv } from '../../../measurement-functions/chain/index.js';
import { createMeasurementInstance, TOKEN_HEADER } from '../../../measurement-functions/core/index.js';
import { AZURE_BLOB_API_VERSION, azureBlobStoreFromEnv } from '../../../measurement-functions/storage/azure-blob.js';
import { STORE_ENV } from '../../../measurement-functions/storage/store-env.js';
import type { TransferStore } from '../../../measurement-functions/storage/transfer-store.js';
import { type Azurite, AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../storage/azurite.js';
import { APP_ENV, TOKEN } from './fixtures.js';
import { hopAnswers, postWithToken } from '../chain/chain-answers.js';

/**
 * Chains of three Azure handlers, each made from app settings as measure.ts makes it and served
 * on 127.0.0.1 the way the Functions host serves it (the library's HttpRequest in, HttpResponse
 * out), so hop i really fetches hop i + 1 over HTTP from FAASBENCH_NEXT_HOP_URL. Storage chains
 * go through Azurite's blob service with a read-create-write-delete SAS on the one container, as
 * the stack signs it.
 */

const CONTAINER = 'transfers';
const LENGTH = 3;
const MAX_BYTES = 1024 * 1024;
const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
const inOneHour = (): Date => new Date(Date.now() + 3_600_000);

let azurite: Azurite;
const servers: Server[] = [];
/** Hop 0's URL per transfer mode, and every hop's URL by name. */
const urls = new Map<string, string>();

/** Serves an Azure handler over HTTP as the Functions host would hand requests to it. */
async function serve(handler: AzureHandler): Promise<string> {
  let invocation = 0;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks);
      const request = new HttpRequest({
        method: incoming.method ?? 'GET',
        url: url.toString(),
        headers: Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, String(value)])),
        query: Object.fromEntries(url.searchParams),
        body: body.byteLength === 0 ? undefined : { bytes: body },
      });
      void handler(request, new InvocationContext({ invocationId: `inv-${++invocation}`, functionName: 'measure' }))
        .then(async (init) => {
          const response = new HttpResponse(init);
          outgoing.writeHead(response.status, Object.fromEntries(response.headers));
          outgoing.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          outgoing.writeHead(500);
          outgoing.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/measure`;
}

function sas(permissions: string, resourceTypes?: string): string {
  if (resourceTypes !== undefined) {
    return generateAccountSASQueryParameters(
      {
        services: AccountSASServices.parse('b').toString(),
        resourceTypes: AccountSASResourceTypes.parse(resourceTypes).toString(),
        permissions: AccountSASPermissions.parse(permissions),
        expiresOn: inOneHour(),
        protocol: SASProtocol.HttpsAndHttp,
        version: AZURE_BLOB_API_VERSION,
      },
      credential,
    ).toString();
  }
  return generateBlobSASQueryParameters(
    { containerName: CONTAINER, permissions: ContainerSASPermissions.parse(permissions), expiresOn: inOneHour(), protocol: SASProtocol.HttpsAndHttp, version: AZURE_BLOB_API_VERSION },
    credential,
  ).toString();
}

/** The blob names in the transfer container (an account SAS with list, which no hop has). */
async function blobsLeft(): Promise<string[]> {
  const response = await fetch(`${azurite.accountUrl}/${CONTAINER}?restype=container&comp=list&${sas('l', 'sco')}`, {
    headers: { 'x-ms-version': AZURE_BLOB_API_VERSION },
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return [...(await response.text()).matchAll(/<Name>([^<]*)<\/Name>/g)].map((match) => match[1] as string);
}

/** The app settings of one hop, as chainHopEnv and the stack's storage wiring give them. */
function hopSettings(transfer: 'inline' | 'storage', position: number, nextUrl: string | null): Record<string, string> {
  return {
    ...APP_ENV,
    FAASBENCH_MAX_PAYLOAD_BYTES: String(MAX_BYTES),
    [CHAIN_ENV.position]: String(position),
    [CHAIN_ENV.length]: String(LENGTH),
    [CHAIN_ENV.transfer]: transfer,
    [CHAIN_ENV.maxPayloadBytes]: String(MAX_BYTES),
    [CHAIN_ENV.nextTimeoutMs]: '10000',
    ...(nextUrl === null ? {} : { [CHAIN_ENV.nextHopUrl]: nextUrl }),
    ...(transfer === 'storage' ? { [STORE_ENV.containerUrl]: `${azurite.accountUrl}/${CONTAINER}`, [STORE_ENV.sas]: sas('rcwd'), [STORE_ENV.timeoutMs]: '10000' } : {}),
  };
}

/** One hop's handler, wired from its settings exactly as measure.ts wires it. */
function hopHandler(env: Record<string, string>): AzureHandler {
  const chain = chainConfigFromEnv(env);
  if (chain === null) throw new Error('not a chain hop');
  let store: TransferStore | undefined;
  return createAzureHandler(createMeasurementInstance(), azureConfigFromEnv(env), {
    chain,
    store: () => (store ??= azureBlobStoreFromEnv(env)),
    next: chain.hasNext ? nextHopFromEnv(env) : null,
  });
}

/** Deploys one chain last hop first, each hop told the next one's URL. */
async function deployChain(transfer: 'inline' | 'storage', lastNextUrl: string | null = null): Promise<string[]> {
  const hopUrls: string[] = [];
  let next: string | null = lastNextUrl;
  for (let position = LENGTH - 1; position >= 0; position--) {
    const env = hopSettings(transfer, position, position === LENGTH - 1 ? null : next);
    next = await serve(hopHandler(env));
    hopUrls.unshift(next);
  }
  return hopUrls;
}

beforeAll(async () => {
  azurite = await startAzurite();
  const created = await fetch(`${azurite.accountUrl}/${CONTAINER}?restype=container&${sas('c', 'c')}`, {
    method: 'PUT',
    headers: { 'x-ms-version': AZURE_BLOB_API_VERSION },
    signal: AbortSignal.timeout(10_000),
  });
  expect(created.status).toBe(201);
  for (const transfer of ['inline', 'storage'] as const) {
    const hopUrls = await deployChain(transfer);
    urls.set(transfer, hopUrls[0] as string);
    urls.set(`${transfer}-h1`, hopUrls[1] as string);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await azurite?.stop();
});

const post = (url: string, headers: Record<string, string> = {}, body?: Uint8Array) => postWithToken(url, TOKEN, headers, body);

const hops = hopAnswers;

describe('Azure handlers as a chain over HTTP', () => {
  test.each([
    ['inline', 0],
    ['inline', 300_000],
    ['storage', 0],
    ['storage', 300_000],
  ] as const)('%s, %d bytes: every hop stamps its part and nests the next answer', async (transfer, bytes) => {
    const answer = await post(`${urls.get(transfer)}?${CHAIN_PAYLOAD_PARAM}=${bytes}`);
    expect(answer.status).toBe(200);
    const list = hops(answer.body);
    expect(list.map((hop) => hop.chain.position)).toEqual([0, 1, 2]);
    for (const hop of list) {
      expect(hop).toMatchObject({ vendor: 'azure', coldStart: expect.any(Boolean), requestId: expect.stringMatching(/^inv-/) });
      expect(hop.chain).toMatchObject({ length: LENGTH, transfer, payloadBytes: bytes, errors: [], chainId: list[0]?.chain.chainId });
      const { receivedAt, payloadReadyAt, respondedAt } = hop.chain.stamps;
      expect(payloadReadyAt.monotonicMs).toBeGreaterThanOrEqual(receivedAt.monotonicMs);
      expect(respondedAt.monotonicMs).toBeGreaterThanOrEqual(payloadReadyAt.monotonicMs);
      expect(hop.chain.storage.service).toBe(transfer === 'storage' ? 'azure-blob' : null);
    }
    for (const hop of list.slice(0, 2)) {
      const { payloadReadyAt, handedOnAt, answerReceivedAt } = hop.chain.stamps;
      expect(handedOnAt.monotonicMs).toBeGreaterThanOrEqual(payloadReadyAt.monotonicMs);
      expect(answerReceivedAt.monotonicMs).toBeGreaterThanOrEqual(handedOnAt.monotonicMs);
      expect(hop.chain.next.status).toBe(200);
    }
    expect(list[2]?.chain).toMatchObject({ next: null, stamps: { handedOnAt: null, answerReceivedAt: null } });
    // Inline: the payload is the body hops 1 and 2 receive (read before bodyReadAt); storage: written by 0 and 1, read and deleted by 1 and 2.
    expect(list.map((hop) => hop.payloadBytes)).toEqual(transfer === 'inline' ? [0, bytes, bytes] : [0, 0, 0]);
    expect(list.map((hop) => hop.chain.storage.put !== null)).toEqual(transfer === 'inline' ? [false, false, false] : [true, true, false]);
    expect(list.map((hop) => hop.chain.storage.get !== null && hop.chain.storage.delete !== null)).toEqual(transfer === 'inline' ? [false, false, false] : [false, true, true]);
    expect(await blobsLeft()).toEqual([]);
  });

  test('every object a storage chain wrote was deleted, across many chain requests', async () => {
    for (let i = 0; i < 5; i++) expect((await post(`${urls.get('storage')}?${CHAIN_PAYLOAD_PARAM}=1000`)).status).toBe(200);
    expect(await blobsLeft()).toEqual([]);
    // The listing does see what is there.
    const store = azureBlobStoreFromEnv(hopSettings('storage', 0, null));
    await store.put('transfers/seen/hop-0-x', new Uint8Array(3));
    expect(await blobsLeft()).toEqual(['transfers/seen/hop-0-x']);
    await store.delete('transfers/seen/hop-0-x');
  });

  test('a chain hop still answers plain measurements, refuses strangers before reading, and refuses an oversized payload', async () => {
    const plain = await post(urls.get('storage') as string);
    expect(plain.status).toBe(200);
    expect(plain.body['chain']).toBeUndefined();
    const refused = await fetch(`${urls.get('storage')}?${CHAIN_PAYLOAD_PARAM}=10`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    expect(refused.status).toBe(401);
    expect(await post(`${urls.get('inline')}?${CHAIN_PAYLOAD_PARAM}=${MAX_BYTES + 1}`)).toMatchObject({ status: 400, body: { error: 'bad-request' } });
  });

  test('a consumer refuses a key the previous hop of this chain request could not have written, before any read', async () => {
    const forged = await post(urls.get('storage-h1') as string, {
      [CHAIN_HEADERS.chainId]: 'abc',
      [CHAIN_HEADERS.fromHop]: '0',
      [CHAIN_HEADERS.transfer]: 'storage',
      [CHAIN_HEADERS.payloadBytes]: '1',
      [CHAIN_HEADERS.objectKey]: 'transfers/other/hop-0-x',
    });
    expect(forged).toMatchObject({ status: 400, body: { error: 'bad-request' } });
  });

  test('a next hop that does not answer fails the chain with 502 and the stamps measured; the producer deletes its object', async () => {
    // A port that was listening and is closed now: the connection is refused.
    const gone = await serve(async () => ({ status: 200 }));
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const env = hopSettings('storage', 0, gone);
    const answer = await post(`${await serve(hopHandler(env))}?${CHAIN_PAYLOAD_PARAM}=2000`);
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: 'chain-failed', chain: { position: 0, next: { status: null, body: null } } });
    expect(answer.body.chain.errors[0]).toMatchObject({ stage: 'next-hop', status: null });
    expect(answer.body.chain.stamps.handedOnAt).not.toBeNull();
    expect(answer.body.chain.storage.put).not.toBeNull();
    expect(await blobsLeft()).toEqual([]);
  });
});
