/** A URL with its password masked, for logs and `tacit config` (`//user:pass@` → `//user:***@`, `//:pass@` too). */
export function maskUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
