import { describe, expect, it } from 'vitest';
import { chainsOf } from '../../../src/pipeline/routing/routeBatch.ts';
import type { InboundMail } from '../../../src/pipeline/routing/inboundMail.ts';

/** Only what chainsOf looks at: who sent it, to which address. */
function read(deliveryId: number, recipient: string, from: string, envelopeFrom = from) {
  return { deliveryId, mail: { recipient, from, envelopeFrom } as InboundMail };
}

const ids = (chains: { deliveryId: number }[][]) => chains.map((c) => c.map((d) => d.deliveryId));

describe('the handlers of a batch that run one after the other', () => {
  it('keeps messages to one address, or from one sender, in one chain in stored order; the rest side by side', () => {
    const chains = chainsOf([
      read(1, 'reply+a@tacit.localhost', 'a@example.org'),
      read(2, 'reply+b@tacit.localhost', 'b@example.org'),
      read(3, 'reply+A@tacit.localhost', 'other@example.org'),
      read(4, 'request@tacit.localhost', 'b@example.org'),
      read(5, 'request@tacit.localhost', 'c@example.org'),
      read(6, 'reply+d@tacit.localhost', 'd@example.org'),
    ]);
    // 1 and 3 share an address; 2 and 4 a sender, 4 and 5 an address: 2, 4 and 5 go together.
    expect(ids(chains)).toEqual([[1, 3], [2, 4, 5], [6]]);
  });

  it('ties nothing together on an empty sender, and keeps a message with no address of ours alone', () => {
    const chains = chainsOf([
      read(1, 'reply+a@tacit.localhost', '', ''),
      read(2, 'reply+b@tacit.localhost', '', ''),
      { deliveryId: 3, mail: null },
      { deliveryId: 4, mail: null },
    ]);
    expect(ids(chains)).toEqual([[1], [2], [3], [4]]);
  });

  it('chains a sender whose envelope is the same mailbox as another message\'s', () => {
    const chains = chainsOf([
      read(1, 'reply+a@tacit.localhost', 'a@example.org', 'bounces@lists.example.net'),
      read(2, 'reply+b@tacit.localhost', 'b@example.org', 'Bounces@lists.example.net'),
    ]);
    expect(ids(chains)).toEqual([[1, 2]]);
  });
});
