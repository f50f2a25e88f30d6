// A scripted stand-in for the Pulumi CLI, for the pipeline's tests. It answers `version` and the
// commands the Automation API sends (reference/pipelines.md §5), keeps its state in
// $FAKE_PULUMI_STATE, and "deploys" by starting fake-cloud.ts as a detached process that serves
// the stack's endpoints on 127.0.0.1 and outlives `up`; `destroy` stops it. Faults come from
// $FAKE_PULUMI_STATE/faults.json, read on every call, keyed by stack name. Plain Node (no tsx), so
// each call starts fast.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const stateDir = process.env.FAKE_PULUMI_STATE;
if (!stateDir) fail('FAKE_PULUMI_STATE is not set');
const args = process.argv.slice(2).filter((a) => a !== '--non-interactive');
fs.appendFileSync(path.join(stateDir, 'calls.log'), `${JSON.stringify(args)}\n`);

const faults = readJson(path.join(stateDir, 'faults.json')) ?? {};
const faulty = (kind, stack) => (faults[kind] ?? []).includes(stack);
const value = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const stackFile = (name) => path.join(stateDir, `stack-${name}.json`);
const loadStack = (name) => readJson(stackFile(name));
const saveStack = (stack) => writeJson(stackFile(stack.name), stack);
const lockFile = (name) => path.join(stateDir, `lock-${name}`);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
function writeJson(file, data) {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
function fail(message, code = 255) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}
function requireStack() {
  const name = value('--stack');
  const stack = name === undefined ? null : loadStack(name);
  if (stack === null) fail(`no stack named '${name}' found`);
  return stack;
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
function stopDeployment(stack) {
  if (stack.pid && alive(stack.pid)) {
    try {
      process.kill(-stack.pid, 'SIGTERM');
    } catch {
      process.kill(stack.pid, 'SIGTERM');
    }
    const until = Date.now() + 5000;
    while (alive(stack.pid) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    if (alive(stack.pid)) process.kill(stack.pid, 'SIGKILL');
  }
  stack.pid = null;
  stack.resources = 0;
  stack.outputs = {};
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function up(stack) {
  if (fs.existsSync(lockFile(stack.name))) fail(`the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.`);
  fs.writeFileSync(lockFile(stack.name), String(process.pid));
  // Like the real CLI: SIGINT at any point ends the update gracefully (and releases the lock).
  process.once('SIGINT', () => {
    fs.rmSync(lockFile(stack.name), { force: true });
    fail('update canceled: received SIGINT');
  });
  process.stdout.write(`Updating (${stack.name}):\n`);
  // Deploy: the fake cloud runs the stack's experiments and writes its outputs when listening.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const deployFile = path.join(stateDir, `deploy-${stack.name}.json`);
  fs.rmSync(deployFile, { force: true });
  if (stack.pid && alive(stack.pid)) stopDeployment(stack);
  const log = fs.openSync(path.join(stateDir, `cloud-${stack.name}.log`), 'a');
  const child = spawn(process.execPath, ['--import', tsx, path.join(here, 'fake-cloud.ts'), stateDir, stack.name], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  stack.pid = child.pid;
  stack.resources = 1;
  saveStack(stack);
  let deployed = null;
  for (let waited = 0; deployed === null && waited < 60_000; waited += 50) {
    await sleep(50);
    deployed = readJson(deployFile);
    if (deployed === null && !alive(child.pid)) break;
  }
  if (deployed === null) {
    fs.rmSync(lockFile(stack.name), { force: true });
    fail(`the fake cloud did not start (see cloud-${stack.name}.log)`);
  }
  stack.resources = 1 + deployed.functions;
  saveStack(stack);
  process.stdout.write(` +  ${deployed.functions} functions created\n`);
  if (faulty('hangUp', stack.name)) {
    process.stdout.write('still updating…\n');
    setInterval(() => {}, 1000); // an update that never ends, until SIGINT
    await new Promise(() => {});
  }
  if (faulty('failUp', stack.name)) {
    if (!faulty('leaveLock', stack.name)) fs.rmSync(lockFile(stack.name), { force: true });
    fail('1 error occurred: creating function fb-x: AccessDeniedException: not authorized to perform lambda:CreateFunction');
  }
  stack.outputs = deployed.outputs;
  stack.lastUpdate = new Date().toISOString();
  saveStack(stack);
  fs.rmSync(lockFile(stack.name), { force: true });
  process.stdout.write(`Outputs:\n    experiments: [...]\n    token: [secret]\nResources:\n    + ${stack.resources} created\n`);
}

const [command, sub] = args;
if (command === 'version') {
  process.stdout.write('v3.248.0\n');
} else if (command === 'stack' && sub === 'select') {
  requireStack();
} else if (command === 'stack' && sub === 'init') {
  const name = args[2];
  if (loadStack(name) !== null) fail(`stack '${name}' already exists`);
  saveStack({ name, config: {}, resources: 0, pid: null, outputs: {}, lastUpdate: new Date().toISOString() });
} else if (command === 'stack' && sub === 'rm') {
  const name = args.at(-1);
  const stack = loadStack(name);
  if (stack === null) fail(`no stack named '${name}' found`);
  if (stack.resources > 0) fail(`'${name}' still has resources; removal rejected. Possible actions:\n- Make sure that '${name}' is the stack that you want to destroy`);
  fs.rmSync(stackFile(name));
} else if (command === 'stack' && sub === 'ls') {
  const stacks = fs
    .readdirSync(stateDir)
    .filter((f) => /^stack-.*\.json$/.test(f))
    .map((f) => readJson(path.join(stateDir, f)))
    .map((s) => ({ name: s.name, current: false, lastUpdate: s.lastUpdate, updateInProgress: fs.existsSync(lockFile(s.name)), resourceCount: s.resources }));
  process.stdout.write(JSON.stringify(stacks));
} else if (command === 'stack' && sub === 'output') {
  const stack = requireStack();
  const outputs = { ...stack.outputs };
  if (!args.includes('--show-secrets') && 'token' in outputs) outputs.token = '[secret]';
  process.stdout.write(JSON.stringify(outputs));
} else if (command === 'stack' && sub === 'history') {
  const stack = requireStack();
  process.stdout.write(JSON.stringify([{ version: 1, kind: 'update', startTime: stack.lastUpdate, endTime: stack.lastUpdate, message: '', environment: {}, config: {}, result: 'succeeded' }]));
} else if (command === 'config' && sub === 'set-all') {
  const stack = requireStack();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--plaintext' || args[i] === '--secret') {
      const [key, ...rest] = args[i + 1].split('=');
      stack.config[key] = rest.join('=');
    }
  }
  saveStack(stack);
} else if (command === 'config') {
  const stack = requireStack();
  process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(stack.config).map(([k, v]) => [k, { value: v, secret: false }]))));
} else if (command === 'up') {
  await up(requireStack());
} else if (command === 'destroy') {
  const stack = requireStack();
  if (fs.existsSync(lockFile(stack.name))) fail(`the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.`);
  if (faulty('failDestroy', stack.name)) fail('deleting function fb-x: AccessDeniedException: not authorized to perform lambda:DeleteFunction');
  stopDeployment(stack);
  stack.lastUpdate = new Date().toISOString();
  saveStack(stack);
  process.stdout.write(`Destroying (${stack.name}):\nResources:\n    - deleted\n`);
} else if (command === 'cancel') {
  const stack = requireStack();
  fs.rmSync(lockFile(stack.name), { force: true });
  process.stdout.write(`The currently running update for '${stack.name}' has been canceled!\n`);
} else {
  fail(`the fake Pulumi CLI does not know \`${args.join(' ')}\``);
}
