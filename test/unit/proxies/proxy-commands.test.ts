import { describe, expect, it } from 'vitest';
import { describeProxyCommand, parseProxyCommand, type ProxyCommand } from '../../../src/domains/proxies/rules/proxyCommands.ts';

const cases: [string, ProxyCommand | null][] = [
  ['proxy ana@example.org', { kind: 'proxy', email: 'ana@example.org', list: null }],
  ['Proxy Ana@Example.org.', { kind: 'proxy', email: 'ana@example.org', list: null }],
  ['proxy <ana@example.org>', { kind: 'proxy', email: 'ana@example.org', list: null }],
  ['proxy ana@example.org list gb', { kind: 'proxy', email: 'ana@example.org', list: 'gb' }],
  ['proxy ana@example.org list gb@tacit.example', { kind: 'proxy', email: 'ana@example.org', list: 'gb' }],
  ['proxy off', { kind: 'proxy-off' }],
  ['PROXY OFF!', { kind: 'proxy-off' }],
  ['proxies', { kind: 'proxies' }],
  // Strict about words: anything else is not a proxy command.
  ['proxy', null],
  ['proxy ana', null],
  ['proxy ana@example.org gb', null],
  ['proxy ana@example.org list', null],
  ['proxy ana@example.org list gb extra', null],
  ['proxy off now', null],
  ['proxies please', null],
  ['proxy ana@example.org list Gb_x', null],
  ['proxyana@example.org', null],
];

describe('proxy command lines', () => {
  it.each(cases)('%s', (line, expected) => {
    expect(parseProxyCommand(line)).toEqual(expected);
  });
  it('reads back as written', () => {
    expect(describeProxyCommand({ kind: 'proxy', email: 'ana@example.org', list: 'gb' })).toBe('proxy ana@example.org list gb');
    expect(describeProxyCommand({ kind: 'proxy', email: 'ana@example.org', list: null })).toBe('proxy ana@example.org');
  });
});
