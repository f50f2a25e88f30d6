/** `contract-server-main.ts <fault> <replicas>`: serves, prints the stack outputs as one JSON line, stops on SIGTERM. */
import { type Fault, serveContract } from './contract-server.js';

const [fault, replicas] = process.argv.slice(2) as [Fault, string];
const server = await serveContract(fault, Number(replicas));
process.stdout.write(`${JSON.stringify(server.outputs)}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
// Never outlive a test that forgot to stop it.
setTimeout(() => process.exit(0), 300_000).unref();
