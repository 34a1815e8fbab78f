// CI installs the test tools before the tests run, from the same list the test setup uses.
import { ensureTestTools } from '../test/helpers/test-tools.ts';

await ensureTestTools();
