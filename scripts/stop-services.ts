// Stops the private Postgres and Redis under a folder: `npm run test:services:stop`
// for the test services (var/test), or with another folder for a one-machine install.
import { stopLocalServices } from '../src/shared/services/localServices.ts';

const home = process.argv[2] ?? 'var/test';
await stopLocalServices(home);
console.log(`stopped the private services under ${home}`);
