import type { Queryable } from '../../../shared/db/database.ts';
import type { Language } from '../../../shared/rules/language.ts';

declare module '../../../shared/context.ts' {
  interface Wiring {
    /**
     * Who reads a notice written before a message reaches a domain (an
     * address not in service, held notices summed up): the language and zone
     * of the member behind the address, else the language of the list the
     * address names, else English. Routing knows no members: the composition
     * root hands it the org domain's readerOf (src/domains/org/reader.ts).
     */
    readerOf: (db: Queryable, email: string | null | undefined, list?: string | null) => Promise<{ lang: Language; zone: string | null }>;
  }
}
