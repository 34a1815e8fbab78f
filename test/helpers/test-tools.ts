import fs from 'node:fs';
import { installPackages, postgresBinDir, which } from '../../src/shared/services/localServices.ts';

/**
 * Everything the tests run against, with the Debian package that provides it:
 * the one list that CI (.ci/run, through scripts/ensure-test-tools.ts) and the
 * test setup install from.
 */
export const TEST_TOOLS: { package: string; present: () => boolean }[] = [
  { package: 'postgresql', present: () => postgresBinDir() !== null },
  { package: 'redis-server', present: () => which('redis-server') !== null },
  { package: 'swaks', present: () => which('swaks') !== null },
  // Only Postfix's smtp-source/smtp-sink are used.
  { package: 'postfix', present: () => which('smtp-source') !== null || fs.existsSync('/usr/sbin/smtp-source') },
  { package: 'dovecot-imapd', present: () => fs.existsSync('/usr/sbin/dovecot') },
  { package: 'chromium', present: () => fs.existsSync('/usr/bin/chromium') },
  // The independent DKIM/ARC verifier of the signing tests (python3-nacl for Ed25519 signatures).
  { package: 'python3-dkim', present: () => fs.existsSync('/usr/lib/python3/dist-packages/dkim') },
  { package: 'python3-nacl', present: () => fs.existsSync('/usr/lib/python3/dist-packages/nacl') },
];

/** Installs the missing test tools (as root on Debian), else says what to install. */
export async function ensureTestTools(): Promise<void> {
  const missing = TEST_TOOLS.filter((t) => !t.present()).map((t) => t.package);
  if (missing.length) await installPackages(missing, 'The test tools');
}
