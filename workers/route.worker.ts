// Works only the route queue, in a process of its own (`tacit start` works every queue and runs the reconciler).
// Run it built: node dist/workers/route.worker.js (npm ci builds dist/).
import { runWorkerProcess } from '../src/app/workerProcess.ts';

await runWorkerProcess(['route']);
