import { describe, expect, it } from 'vitest';
import { keptHref, postHtml } from '../../../src/http/rules/postHtml.ts';

const D = 'tacit.example.org';
const TOKEN = 'reply+12x3_0123456789abcdef0123456789abcdef';
const outsider = { tacitDomain: D, showAddresses: false, budgetBytes: 10_000 };
const member = { ...outsider, showAddresses: true };

describe('postHtml: what an HTML post keeps', () => {
  it.each<[string, string, string]>([
    ['plain structure', '<p>Agreed. <b>Library</b> it is.</p>', '<p>Agreed. <b>Library</b> it is.</p>'],
    ['scripts go with their text', '<p>Hi</p><script>alert(1)</script>', '<p>Hi</p>'],
    ['styles and style attributes go', '<style>p{color:red}</style><p style="position:fixed">Hi</p>', '<p>Hi</p>'],
    ['event handlers go', '<p onclick="x()">Hi <b onmouseover="y()">there</b></p>', '<p>Hi <b>there</b></p>'],
    ['an image is never loaded: its alt text stands in', '<p>Logo: <img src="https://t.example/p.gif?u=9" alt="Our logo" onerror="x()"></p>',
      '<p>Logo: <span class="image">[image: Our logo]</span></p>'],
    ['an image without alt text', '<img src="cid:part1">', '<span class="image">[image]</span>'],
    ['links get rel nofollow noopener', '<a href="https://example.net/a?b=1&c=2" target="_blank">doc</a>',
      '<a href="https://example.net/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">doc</a>'],
    ['javascript: links lose their target', '<a href="javascript:alert(1)">x</a>', '<span>x</span>'],
    ['a link with a token loses its target and its text its token', `<a href="mailto:${TOKEN}@${D}">mailto:${TOKEN}@${D}</a>`,
      `<span>mailto:reply+[token removed]@${D}</span>`],
    ['a percent-encoded token in a link', `<a href="mailto:reply%2B12x3_0123456789abcdef0123456789abcdef%40${D}">vote</a>`, '<span>vote</span>'],
    ['an unsubscribe link', '<a href="https://l.example.org/unsubscribe/3x4_0123456789abcdef0123456789abcdef">stop</a>', '<span>stop</span>'],
    ['member addresses hidden in text and links', '<p>Write to <a href="mailto:ana@example.org">ana@example.org</a></p>',
      '<p>Write to <span>[address hidden]</span></p>'],
    ["Tacit's own addresses stay linked", `<a href="mailto:icc@${D}">icc@${D}</a>`, `<a href="mailto:icc@${D}" rel="nofollow noopener noreferrer">icc@${D}</a>`],
    ['an address written with an entity', '<p>ana&#64;example.org</p>', '<p>[address hidden]</p>'],
    ['headings fall below the page title', '<h1>Big</h1><h2>Less</h2>', '<h3>Big</h3><h3>Less</h3>'],
    ['forms, frames and embeds go', '<form action="https://x"><input name="a"><button>Go</button></form><iframe src="https://x"></iframe><p>ok</p>',
      'Go<p>ok</p>'],
    ['escaped markup stays text', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
  ])('%s', (_name, input, expected) => {
    expect(postHtml(input, outsider)).toBe(expected);
  });

  it('members see addresses, never tokens', () => {
    expect(postHtml(`<p><a href="mailto:ana@example.org">Ana</a>, ${TOKEN}@${D}</p>`, member)).toBe(
      `<p><a href="mailto:ana@example.org" rel="nofollow noopener noreferrer">Ana</a>, reply+[token removed]@${D}</p>`,
    );
  });

  it.each<[string, string]>([
    ['an address split by markup', '<p>ana@<b>example.org</b></p>'],
    ['a token split by markup', `<p>reply+12x3_<span>0123456789abcdef0123456789abcdef</span>@${D}</p>`],
    ['nothing visible', '<p><script>x</script></p>'],
  ])('none (the page shows the text instead): %s', (_name, input) => {
    expect(postHtml(input, outsider)).toBeNull();
  });

  it('none past its budget', () => {
    const html = `<p>${'word '.repeat(500)}</p>`;
    expect(postHtml(html, { ...outsider, budgetBytes: 2000 })).toBeNull();
    expect(postHtml(html, { ...outsider, budgetBytes: html.length })).toBe(html);
  });
});

describe('keptHref', () => {
  it.each<[string | undefined, boolean, string | null]>([
    ['https://example.net/x', false, 'https://example.net/x'],
    ['  http://example.net/ ', false, 'http://example.net/'],
    ['//example.net/x', false, null],
    ['data:text/html,<script>', false, null],
    ['vbscript:x', false, null],
    [undefined, false, null],
    ['mailto:ana@example.org', false, null],
    ['mailto:ana@example.org', true, 'mailto:ana@example.org'],
    [`https://example.net/?to=${TOKEN}@${D}`, true, null],
    ['https://example.net/%E0%A4%A', false, 'https://example.net/%E0%A4%A'],
  ])('%j (member: %s) → %j', (href, showAddresses, expected) => {
    expect(keptHref(href, { tacitDomain: D, showAddresses })).toBe(expected);
  });
});
