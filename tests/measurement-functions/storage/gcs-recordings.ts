import type { RecordedExchange } from './replay-server.js';

/**
 * Cloud Storage JSON API and metadata-server exchanges, written by hand from Google's documentation
 * (URLs on each exchange) because no Cloud Storage emulator installs from npm or Debian here.
 * They are not captured traffic: they pin the requests the documented API expects and answer the
 * way the documentation says it answers. What they cannot show is any undocumented behaviour of
 * the real service.
 *
 * One study's worth of calls, in order: token, upload, download, delete, a missing object, a
 * second upload to a taken key, an upload the role may not make, and a token renewed after expiry.
 */

export const RECORDED_BUCKET = 'faasbench-transfers-recorded';
export const READ_ONLY_BUCKET = 'faasbench-transfers-readonly';
export const RECORDED_KEY = 'transfers/req-recorded/hop-0-6f1c2a9e';
export const MISSING_KEY = 'transfers/req-recorded/hop-0-missing';
/** 40 bytes; md5 ujS++f3jy00U9vFvNikKNw==, crc32c ZLlznw== (0x64b9739f). */
export const RECORDED_PAYLOAD = new TextEncoder().encode('faasbench chain payload, hop 0 to hop 1\n');
export const FIRST_TOKEN = 'ya29.c.recorded-token-1';
export const RENEWED_TOKEN = 'ya29.c.recorded-token-2';
/** The metadata server's lifetime for both tokens, in seconds. */
export const TOKEN_LIFETIME_S = 3599;

const METADATA_DOCS = [
  'https://cloud.google.com/run/docs/container-contract#metadata-server',
  'https://cloud.google.com/compute/docs/access/authenticate-workloads#applications',
];
const ERROR_DOCS = 'https://cloud.google.com/storage/docs/json_api/v1/status-codes';

const encodedKey = (key: string): string => encodeURIComponent(key);
const objectPath = (bucket: string, key: string): string => `/storage/v1/b/${bucket}/o/${encodedKey(key)}`;
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function tokenExchange(token: string): RecordedExchange {
  return {
    name: `metadata token ${token}`,
    docs: METADATA_DOCS,
    request: { method: 'GET', path: '/computeMetadata/v1/instance/service-accounts/default/token', headers: { 'metadata-flavor': 'Google' } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'metadata-flavor': 'Google' },
      body: JSON.stringify({ access_token: token, expires_in: TOKEN_LIFETIME_S, token_type: 'Bearer' }),
    },
  };
}

function jsonError(code: number, reason: string, message: string, extra: Record<string, string> = {}): string {
  return JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason, ...extra }] } });
}

function upload(bucket: string, token: string, response: RecordedExchange['response'], name: string): RecordedExchange {
  return {
    name,
    docs: [
      'https://cloud.google.com/storage/docs/uploading-objects#uploading-an-object (JSON API: POST .../upload/storage/v1/b/BUCKET/o?uploadType=media&name=OBJECT)',
      'https://cloud.google.com/storage/docs/json_api/v1/objects/insert (ifGenerationMatch; response: the object resource)',
      'https://cloud.google.com/storage/docs/request-preconditions#special-case (ifGenerationMatch=0: only if no live object)',
    ],
    request: {
      method: 'POST',
      path: `/upload/storage/v1/b/${bucket}/o`,
      query: { uploadType: 'media', name: RECORDED_KEY, ifGenerationMatch: '0' },
      headers: { ...bearer(token), 'content-type': 'application/octet-stream', 'content-length': String(RECORDED_PAYLOAD.byteLength) },
      body: RECORDED_PAYLOAD,
    },
    response,
  };
}

/** The object resource (https://cloud.google.com/storage/docs/json_api/v1/objects#resource) after the upload. */
const OBJECT_RESOURCE = {
  kind: 'storage#object',
  id: `${RECORDED_BUCKET}/${RECORDED_KEY}/1764576000000000`,
  selfLink: `https://www.googleapis.com/storage/v1/b/${RECORDED_BUCKET}/o/${encodedKey(RECORDED_KEY)}`,
  mediaLink: `https://storage.googleapis.com/download/storage/v1/b/${RECORDED_BUCKET}/o/${encodedKey(RECORDED_KEY)}?generation=1764576000000000&alt=media`,
  name: RECORDED_KEY,
  bucket: RECORDED_BUCKET,
  generation: '1764576000000000',
  metageneration: '1',
  contentType: 'application/octet-stream',
  storageClass: 'STANDARD',
  size: '40',
  md5Hash: 'ujS++f3jy00U9vFvNikKNw==',
  crc32c: 'ZLlznw==',
  etag: 'CIDg9o2b1JEDEAE=',
  timeCreated: '2025-12-01T08:00:00.000Z',
  updated: '2025-12-01T08:00:00.000Z',
  timeStorageClassUpdated: '2025-12-01T08:00:00.000Z',
};

export const GCS_EXCHANGES: readonly RecordedExchange[] = [
  tokenExchange(FIRST_TOKEN),
  upload(RECORDED_BUCKET, FIRST_TOKEN, { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(OBJECT_RESOURCE) }, 'upload'),
  {
    name: 'download',
    docs: [
      'https://cloud.google.com/storage/docs/downloading-objects#downloading-an-object (JSON API: GET .../storage/v1/b/BUCKET/o/OBJECT?alt=media)',
      'https://cloud.google.com/storage/docs/json_api/v1/objects/get (alt=media returns the object data)',
      'https://cloud.google.com/storage/docs/xml-api/reference-headers (x-goog-hash, x-goog-generation, x-goog-stored-content-length)',
    ],
    request: { method: 'GET', path: objectPath(RECORDED_BUCKET, RECORDED_KEY), query: { alt: 'media' }, headers: bearer(FIRST_TOKEN) },
    response: {
      status: 200,
      headers: {
        'content-type': 'application/octet-stream',
        'x-goog-generation': '1764576000000000',
        'x-goog-metageneration': '1',
        'x-goog-stored-content-encoding': 'identity',
        'x-goog-stored-content-length': '40',
        'x-goog-hash': 'crc32c=ZLlznw==,md5=ujS++f3jy00U9vFvNikKNw==',
        'x-goog-storage-class': 'STANDARD',
      },
      body: RECORDED_PAYLOAD,
    },
  },
  {
    name: 'delete',
    docs: ['https://cloud.google.com/storage/docs/json_api/v1/objects/delete ("If successful, this method returns an empty response body": 204)'],
    request: { method: 'DELETE', path: objectPath(RECORDED_BUCKET, RECORDED_KEY), headers: bearer(FIRST_TOKEN) },
    response: { status: 204 },
  },
  {
    name: 'download of a missing object',
    docs: [ERROR_DOCS, 'https://cloud.google.com/storage/docs/json_api/v1/objects/get'],
    request: { method: 'GET', path: objectPath(RECORDED_BUCKET, MISSING_KEY), query: { alt: 'media' }, headers: bearer(FIRST_TOKEN) },
    response: {
      status: 404,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: jsonError(404, 'notFound', `No such object: ${RECORDED_BUCKET}/${MISSING_KEY}`),
    },
  },
  {
    name: 'delete of a missing object',
    docs: [ERROR_DOCS, 'https://cloud.google.com/storage/docs/json_api/v1/objects/delete'],
    request: { method: 'DELETE', path: objectPath(RECORDED_BUCKET, MISSING_KEY), headers: bearer(FIRST_TOKEN) },
    response: {
      status: 404,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: jsonError(404, 'notFound', `No such object: ${RECORDED_BUCKET}/${MISSING_KEY}`),
    },
  },
  upload(
    RECORDED_BUCKET,
    FIRST_TOKEN,
    {
      status: 412,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: jsonError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.', { locationType: 'header', location: 'If-Match' }),
    },
    'upload to a key that is taken (ifGenerationMatch=0 fails)',
  ),
  upload(
    READ_ONLY_BUCKET,
    FIRST_TOKEN,
    {
      status: 403,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: jsonError(
        403,
        'forbidden',
        "fb-chain@faasbench-test.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",
      ),
    },
    'upload the service account may not make',
  ),
  tokenExchange(RENEWED_TOKEN),
  {
    name: 'delete with the renewed token',
    docs: ['https://cloud.google.com/storage/docs/json_api/v1/objects/delete'],
    request: { method: 'DELETE', path: objectPath(RECORDED_BUCKET, RECORDED_KEY), headers: bearer(RENEWED_TOKEN) },
    response: { status: 204 },
  },
];
