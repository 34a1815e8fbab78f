// Works only the consultation queue, in a process of its own (`tacit start` works every queue and runs the reconciler).
// Run it built: node dist/workers/consultation.worker.js (npm ci builds dist/).
import { runWorkerProcess } from '../src/app/workerProcess.ts';

await runWorkerProcess(['consultation']);
