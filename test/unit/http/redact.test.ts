import { describe, expect, it } from 'vitest';
import { personLabel, redact } from '../../../src/http/rules/redact.ts';

const D = 'tacit.example.org';

describe('redact', () => {
  it.each<[string, string, boolean, string]>([
    ['a reply token quoted in a post', 'Reply to reply+12x3_0123456789abcdef0123456789abcdef@tacit.example.org', true,
      'Reply to reply+[token removed]@tacit.example.org'],
    ['confirm and bounces tokens, any case', 'CONFIRM+9_abc@x.org and Bounces+77_ff@tacit.example.org', true,
      'confirm+[token removed]@x.org and bounces+[token removed]@tacit.example.org'],
    ['a one-click unsubscribe link', 'https://lists.example.org/unsubscribe/3x4_0123456789abcdef0123456789abcdef', true,
      'https://lists.example.org/unsubscribe/[token removed]'],
    ['a sign-in link', 'http://localhost/signin/5_abcdef', true, 'http://localhost/signin/[token removed]'],
    ['member addresses hidden from non-members', 'Write to ana@example.org or Ben.B@mail.example.com.', false,
      'Write to [address hidden] or [address hidden].'],
    ['member addresses shown to members', 'Write to ana@example.org.', true, 'Write to ana@example.org.'],
    ["Tacit's own plain addresses stay", 'Post to icc@tacit.example.org, ask request@Tacit.Example.org', false,
      'Post to icc@tacit.example.org, ask request@Tacit.Example.org'],
    ['a token address loses its token for non-members too', 'reply+1_ab@tacit.example.org', false, 'reply+[token removed]@tacit.example.org'],
    ['quoted header line', 'On Monday, Ana <ana@example.org> wrote:', false, 'On Monday, Ana <[address hidden]> wrote:'],
    ['no address at all', 'B for me. @home', false, 'B for me. @home'],
  ])('%s', (_name, input, showAddresses, expected) => {
    expect(redact(input, { tacitDomain: D, showAddresses })).toBe(expected);
  });

  it.each<[string, string, boolean, string]>([
    ['Ana', 'ana@example.org', false, 'Ana'],
    ['', 'ana@example.org', false, 'a member'],
    ['ana@example.org', 'ana@example.org', false, 'a member'],
    ['', 'ana@example.org', true, 'ana@example.org'],
  ])('personLabel(%j, %j, %j) = %j', (name, email, show, expected) => {
    expect(personLabel(name, email, show)).toBe(expected);
  });
});
