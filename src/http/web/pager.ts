/** Newer/older links of a paged listing (page numbers from 1, in the query string). */
export function pager(href: string, page: number, hasMore: boolean) {
  const n = Number.isSafeInteger(page) && page > 0 ? page : 1;
  const at = (p: number) => (p === 1 ? href : `${href}?page=${p}`);
  return n > 1 || hasMore ? { previous: n > 1 ? at(n - 1) : null, next: hasMore ? at(n + 1) : null, page: n } : null;
}
