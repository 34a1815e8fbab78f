import { TestDns } from './dns.ts';

/**
 * A zone written as records (the shape `tacit dns --json` prints), answered
 * on loopback by TestDns's UDP server, for code that asks DNS itself through
 * DNS_SERVERS (`tacit doctor`). Assigning `records` republishes the zone.
 */
export interface ZoneRecord {
  name: string;
  type: 'TXT' | 'MX' | 'A' | 'PTR';
  /** TXT: the value; MX: "10 host"; A: the address; PTR: the name. */
  value: string;
}

export interface LoopbackDns {
  /** For DNS_SERVERS. */
  server: string;
  records: ZoneRecord[];
  close(): Promise<void>;
}

/** One record as the DNS wire library (dns-packet) takes its data. */
function wireData(r: ZoneRecord): string[] | string | { preference: number; exchange: string } {
  switch (r.type) {
    case 'TXT':
      return [r.value];
    case 'MX': {
      const [preference, exchange] = r.value.split(/\s+/);
      return { preference: Number(preference), exchange: exchange!.replace(/\.$/, '') };
    }
    case 'A':
      return r.value;
    case 'PTR':
      return r.value.replace(/\.$/, '');
  }
}

function publish(zone: TestDns, records: ZoneRecord[]): void {
  zone.clear();
  const byKey = new Map<string, { name: string; type: string; data: unknown[] }>();
  for (const r of records) {
    const name = r.name.toLowerCase().replace(/\.$/, '');
    const key = `${name}:${r.type}`;
    const entry = byKey.get(key) ?? { name, type: r.type, data: [] };
    entry.data.push(wireData(r));
    byKey.set(key, entry);
  }
  for (const { name, type, data } of byKey.values()) zone.set(name, type, data as string[][]);
}

export async function startLoopbackDns(records: ZoneRecord[] = []): Promise<LoopbackDns> {
  const zone = new TestDns();
  const served = await zone.serve();
  let current = records;
  publish(zone, current);
  return {
    server: served.address,
    get records() {
      return current;
    },
    set records(next: ZoneRecord[]) {
      current = next;
      publish(zone, next);
    },
    close: served.close,
  };
}
