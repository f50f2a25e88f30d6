// What the Azure Functions Node worker does with a v4 app, minus the gRPC channel to the host:
// it serves `@azure/functions-core` by wrapping Module.prototype.require (as the worker's
// setupCoreModule does), loads package.json's `main` from wwwroot, then runs each invocation
// through the programming model the app's @azure/functions registered.
//
// Usage: node fake-worker.cjs <wwwroot> <invocations JSON>; prints one JSON line:
// { programmingModel, registrations: [{ name, bindings }], responses: [{ status, headers, body }] }.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const [wwwroot, invocationsJson] = process.argv.slice(2);
const registrations = [];
let programmingModel;

const coreApi = {
  version: '3.12.0-faasbench-test',
  hostVersion: '4.1040.0',
  setProgrammingModel: (model) => { programmingModel = model; },
  getProgrammingModel: () => programmingModel,
  registerFunction: (metadata, callback) => {
    registrations.push({ metadata, callback });
    return { dispose() {} };
  },
  registerHook: () => ({ dispose() {} }),
  log: () => {},
  Disposable: class { dispose() {} },
};

Module.prototype.require = new Proxy(Module.prototype.require, {
  apply(target, thisArg, args) {
    return args[0] === '@azure/functions-core' ? coreApi : Reflect.apply(target, thisArg, args);
  },
});

async function invoke(registration, invocation, index) {
  const { metadata, callback } = registration;
  const triggerName = Object.keys(metadata.bindings).find((name) => metadata.bindings[name].direction === 'in');
  const body = invocation.body === undefined ? undefined : { bytes: Buffer.from(invocation.body, 'utf8') };
  const coreCtx = {
    invocationId: `invocation-${index}`,
    metadata: { name: metadata.name, bindings: metadata.bindings },
    request: {
      inputData: [{ name: triggerName, data: { http: { method: invocation.method, url: invocation.url, headers: invocation.headers, query: invocation.query, params: {}, body } } }],
      triggerMetadata: {},
    },
    state: undefined,
    log: () => {},
  };
  const model = programmingModel.getInvocationModel(coreCtx);
  const { context, inputs } = await model.getArguments();
  const result = await model.invokeFunction(context, inputs, callback);
  const response = await model.getResponse(context, result);
  const http = response.returnValue.http;
  return { status: Number(http.statusCode), headers: http.headers, body: JSON.parse(Buffer.from(http.body.bytes).toString('utf8')) };
}

(async () => {
  const packageJson = JSON.parse(fs.readFileSync(path.join(wwwroot, 'package.json'), 'utf8'));
  require(path.resolve(wwwroot, packageJson.main));
  const responses = [];
  const invocations = JSON.parse(invocationsJson);
  for (const [index, invocation] of invocations.entries()) responses.push(await invoke(registrations[0], invocation, index));
  process.stdout.write(`${JSON.stringify({
    programmingModel: programmingModel && { name: programmingModel.name, version: programmingModel.version },
    registrations: registrations.map((r) => ({ name: r.metadata.name, bindings: r.metadata.bindings })),
    responses,
  })}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
