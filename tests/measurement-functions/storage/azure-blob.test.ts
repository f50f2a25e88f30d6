import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
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
import { AZURE_BLOB_API_VERSION, azureBlobStoreFromEnv, createAzureBlobStore } from '../../../measurement-functions/storage/azure-blob.js';
import { StoreError } from '../../../measurement-functions/storage/store-error.js';
import { STORE_ENV } from '../../../measurement-functions/storage/store-env.js';
import { type Azurite, AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from './azurite.js';
import { expectRoundTrip } from './store-contract.js';

/**
 * The Azure Blob store (REST + container SAS) against Azurite's blob service. The SDK is used
 * here only to sign SAS tokens with Azurite's development key, as the stack's
 * listStorageAccountServiceSAS does with the real account key; every blob call is the store's
 * own fetch, sent with AZURE_BLOB_API_VERSION, which Azurite checks (no --skipApiVersionCheck).
 */

const CONTAINER = 'transfers';
const OTHER_CONTAINER = 'packages';
const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
let azurite: Azurite;

const inOneHour = (): Date => new Date(Date.now() + 3_600_000);

/** A service SAS on one container, as the stack makes it (minus https-only: Azurite is plain http). */
function containerSas(permissions: string, options: { container?: string; expiresOn?: Date } = {}): string {
  return generateBlobSASQueryParameters(
    {
      containerName: options.container ?? CONTAINER,
      permissions: ContainerSASPermissions.parse(permissions),
      expiresOn: options.expiresOn ?? inOneHour(),
      protocol: SASProtocol.HttpsAndHttp,
      version: AZURE_BLOB_API_VERSION,
    },
    credential,
  ).toString();
}

async function createContainer(name: string): Promise<void> {
  const accountSas = generateAccountSASQueryParameters(
    {
      services: AccountSASServices.parse('b').toString(),
      resourceTypes: AccountSASResourceTypes.parse('c').toString(),
      permissions: AccountSASPermissions.parse('c'),
      expiresOn: inOneHour(),
      protocol: SASProtocol.HttpsAndHttp,
      version: AZURE_BLOB_API_VERSION,
    },
    credential,
  ).toString();
  const response = await fetch(`${azurite.accountUrl}/${name}?restype=container&${accountSas}`, {
    method: 'PUT',
    headers: { 'x-ms-version': AZURE_BLOB_API_VERSION },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) throw new Error(`creating container ${name}: HTTP ${response.status} ${await response.text()}`);
}

const store = (sas: string, container = CONTAINER) =>
  createAzureBlobStore({ containerUrl: `${azurite.accountUrl}/${container}`, sas, timeoutMs: 10_000 });

beforeAll(async () => {
  azurite = await startAzurite();
  await createContainer(CONTAINER);
  await createContainer(OTHER_CONTAINER);
}, 30_000);

afterAll(async () => {
  await azurite?.stop();
});

describe('the Azure Blob store against Azurite', () => {
  test('puts, reads back and deletes payloads from empty to 2 MiB with a read-create-write-delete container SAS', async () => {
    const blob = store(containerSas('rcwd'));
    for (const bytes of [0, 1, 100_000, 2 * 1024 * 1024]) await expectRoundTrip(blob, bytes);
  });

  test("a missing blob is Azure's own 404 BlobNotFound, on one line without RequestId noise", async () => {
    const missing = await store(containerSas('rcwd')).get('transfers/none/hop-0-a').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StoreError);
    expect((missing as StoreError).message).toBe('azure-blob get of transfers/none/hop-0-a failed: HTTP 404 BlobNotFound: The specified blob does not exist.');
  });

  test('the SAS confines the store: no write with read-only, no other container, no forged or expired token, and the signature never reaches a message', async () => {
    const readOnly = await store(containerSas('r')).put('transfers/x/hop-0-a', new Uint8Array(4)).catch((e: unknown) => e);
    expect(readOnly).toMatchObject({ service: 'azure-blob', operation: 'put', status: 403, code: 'AuthorizationPermissionMismatch' });

    const rcwd = containerSas('rcwd');
    const otherContainer = await store(rcwd, OTHER_CONTAINER).put('transfers/x/hop-0-b', new Uint8Array(4)).catch((e: unknown) => e);
    expect(otherContainer).toMatchObject({ status: 403 });

    const params = new URLSearchParams(rcwd);
    const signature = params.get('sig')!;
    params.set('sig', `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`);
    const forgedError = await store(params.toString()).get('transfers/x/hop-0-c').catch((e: unknown) => e);
    // Azure answers a bad signature with AuthenticationFailed; Azurite 3.35 with AuthorizationFailure.
    expect(forgedError).toMatchObject({ status: 403, code: 'AuthorizationFailure' });

    const expired = await store(containerSas('rcwd', { expiresOn: new Date(Date.now() - 60_000) })).get('transfers/x/hop-0-d').catch((e: unknown) => e);
    expect(expired).toMatchObject({ status: 403 });

    for (const error of [readOnly, otherContainer, forgedError, expired]) {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).not.toContain(signature);
      expect((error as StoreError).message).not.toContain('sig=');
    }
  });

  test('is made from the app settings, and refuses a SAS without a signature', async () => {
    const fromEnv = azureBlobStoreFromEnv({ [STORE_ENV.containerUrl]: `${azurite.accountUrl}/${CONTAINER}/`, [STORE_ENV.sas]: `?${containerSas('rcwd')}` });
    await expectRoundTrip(fromEnv, 3);
    expect(() => createAzureBlobStore({ containerUrl: azurite.accountUrl, sas: 'sv=2025-11-05&sp=r', timeoutMs: 1000 })).toThrow('has no signature');
    expect(() => azureBlobStoreFromEnv({ [STORE_ENV.containerUrl]: 'x' })).toThrow('FAASBENCH_STORE_SAS is not set');
  });
});
