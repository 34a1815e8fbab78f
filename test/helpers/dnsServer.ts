import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as packet from 'dns-packet';

/**
 * A DNS server on loopback (UDP) answering from a zone the test writes, for
 * code that asks DNS itself through DNS_SERVERS (`tacit doctor`). A name not
 * in the zone is NXDOMAIN; a name with other types only is an empty answer.
 */
export interface ZoneRecord {
  name: string;
  type: 'TXT' | 'MX' | 'A' | 'PTR';
  /** TXT: the value (split into 255-byte strings here); MX: "10 host"; A: the address; PTR: the name. */
  value: string;
}

export interface LoopbackDns {
  /** For DNS_SERVERS. */
  server: string;
  records: ZoneRecord[];
  close(): Promise<void>;
}

function answerOf(r: ZoneRecord): packet.Answer {
  const name = r.name.replace(/\.$/, '');
  switch (r.type) {
    case 'TXT':
      return { name, type: 'TXT', ttl: 60, data: r.value.match(/.{1,255}/g) ?? [''] };
    case 'MX': {
      const [preference, exchange] = r.value.split(/\s+/);
      return { name, type: 'MX', ttl: 60, data: { preference: Number(preference), exchange: exchange!.replace(/\.$/, '') } };
    }
    case 'A':
      return { name, type: 'A', ttl: 60, data: r.value };
    case 'PTR':
      return { name, type: 'PTR', ttl: 60, data: r.value.replace(/\.$/, '') };
  }
}

export async function startLoopbackDns(records: ZoneRecord[] = []): Promise<LoopbackDns> {
  const socket = dgram.createSocket('udp4');
  const zone: LoopbackDns = {
    server: '',
    records,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (message, peer) => {
    let query: packet.Packet;
    try {
      query = packet.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const named = zone.records.filter((r) => r.name.toLowerCase().replace(/\.$/, '') === name);
    const answers = named.filter((r) => r.type === question.type).map(answerOf);
    const reply = packet.encode({
      id: query.id,
      type: 'response',
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (named.length ? 0 : 3), // rcode 3: NXDOMAIN
      questions: [question],
      answers,
    });
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  zone.server = `127.0.0.1:${(socket.address() as AddressInfo).port}`;
  return zone;
}
