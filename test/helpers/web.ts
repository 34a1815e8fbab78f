// Shared by the web record's integration tests (not a test file itself).
import { waitFor, type Harness } from './harness.ts';
import { mailsTo } from './lists.ts';

export const PUBLIC_URL = 'https://record.example.org/tacit';

/** Where the harness's HTTP endpoint answers for PUBLIC_URL (a proxy passing the path on). */
export function localBase(h: Harness): string {
  return `http://127.0.0.1:${h.server.httpPort}/tacit`;
}

export function toLocal(h: Harness, url: string): string {
  return url.replace(PUBLIC_URL, localBase(h));
}

/** Asks for a sign-in link by the form, as a person would, and returns the link from the mail (as a local URL). */
export async function requestSigninLink(h: Harness, email: string): Promise<string> {
  // Found by the link it carries: its subject is in the member's language.
  const isSignin = (m: Awaited<ReturnType<typeof mailsTo>>[number]) => /https:\/\/\S+\/signin\/\S+/.test(m.parsed.text ?? '');
  const before = (await mailsTo(h, email)).filter(isSignin).length;
  const res = await fetch(`${localBase(h)}/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email }).toString(),
  });
  if (res.status !== 200) throw new Error(`sign-in request answered ${res.status}`);
  const mails = await waitFor(async () => {
    const found = (await mailsTo(h, email)).filter(isSignin);
    return found.length > before ? found : undefined;
  });
  const link = /https:\/\/\S+\/signin\/\S+/.exec(mails[mails.length - 1]!.parsed.text ?? '')![0];
  return toLocal(h, link);
}

/** Signs a member in over HTTP: the session cookie to send with later requests. */
export async function signIn(h: Harness, email: string): Promise<string> {
  const link = await requestSigninLink(h, email);
  const res = await fetch(link, { method: 'POST', redirect: 'manual' });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export async function getPage(h: Harness, path: string, cookie?: string): Promise<{ status: number; html: string; type: string }> {
  const res = await fetch(`${localBase(h)}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '' };
}

