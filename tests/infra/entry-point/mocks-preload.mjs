// Loaded with `--import` ahead of Pulumi's own program runner (node_modules/@pulumi/pulumi/cmd/run),
// so the real entry point runs against mocks instead of a Pulumi engine. Writes what it saw to
// $FAASBENCH_ENTRY_RESULT when the process exits.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pulumi = require('@pulumi/pulumi');

const resources = [];
let stackOutputs = null;

/** What the real providers would compute; the program's outputs read these. */
function computed(type, name, inputs) {
  switch (type) {
    case 'aws:lambda/functionUrl:FunctionUrl':
      return { functionUrl: `https://${name}.lambda-url.eu-west-1.on.aws/` };
    case 'azure-native:web:WebApp':
      return { defaultHostName: `${inputs.name ?? name}.azurewebsites.net` };
    case 'gcp:cloudfunctionsv2/function:Function':
      return { url: `https://${name}-abc123-ew.a.run.app`, serviceConfig: { ...(inputs.serviceConfig ?? {}), service: `projects/p/locations/europe-west1/services/${name}` } };
    case 'random:index/randomPassword:RandomPassword':
    case 'random:index/randomString:RandomString':
      return { result: 'x'.repeat(inputs.length ?? 8) };
    default:
      return {};
  }
}

await pulumi.runtime.setMocks(
  {
    newResource(args) {
      // The package files handed to providers that read them themselves, to check they are absolute.
      const files =
        args.type === 'cloudflare:index/workersScript:WorkersScript'
          ? [args.inputs.contentFile, ...Object.values(args.inputs.files ?? {}).map((f) => f.contentFile)]
          : [];
      resources.push({ type: args.type, name: args.name, files });
      return { id: `${args.name}-id`, state: { ...args.inputs, ...computed(args.type, args.name, args.inputs) } };
    },
    call(args) {
      if (args.token === 'azure-native:storage:listStorageAccountKeys') return { keys: [{ keyName: 'key1', value: 'a2V5' }] };
      if (args.token === 'azure-native:storage:listStorageAccountServiceSAS') return { serviceSasToken: 'sv=2024&sig=abc' };
      return args.inputs;
    },
  },
  process.env.PULUMI_NODEJS_PROJECT ?? 'faasbench',
  process.env.PULUMI_NODEJS_STACK ?? 'test',
  false,
);

const monitor = pulumi.runtime.getMonitor();
const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
monitor.registerResourceOutputs = (request, callback) => {
  if (request.getUrn().includes('::pulumi:pulumi:Stack::')) stackOutputs = request.getOutputs()?.toJavaScript() ?? null;
  return registerOutputs(request, callback);
};
// The mock monitor has no shutdown handshake; the engine's would answer at once.
monitor.signalAndWaitForShutdown = (_request, callback) => callback(null, {});

process.on('exit', (code) => {
  writeFileSync(process.env.FAASBENCH_ENTRY_RESULT, JSON.stringify({ code, resources, stackOutputs }));
});
