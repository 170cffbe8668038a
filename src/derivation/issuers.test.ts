import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuerOf } from './issuers.js';

test('issuerOf: agency sites, official sites and press releases, from the address and the text', () => {
  const rows: [text: string, url: string | null, publisher: string | null, expected: string | null][] = [
    ['WASHINGTON (AP) - Text.', 'https://apnews.com/article/abc', null, 'agency-site:Associated Press'],
    ['Text.', 'https://uk.reuters.com/article/2010/05/05/x', null, 'agency-site:Reuters'],
    ['Text.', null, 'apnews.com', 'agency-site:Associated Press'],
    ['Text.', 'https://www.justice.gov/usao/pr/man-sentenced', null, 'official-site:justice.gov'],
    ['Text.', 'https://www.met.police.uk/news/x', null, 'official-site:met.police.uk'],
    ['Text.', 'https://www.gov.uk/government/news/x', null, 'official-site:gov.uk'],
    ['Text.', 'https://www.who.int/news/item/x', null, 'official-site:who.int'],
    // A member's site reposting news coverage is not the member's release.
    ['Text.', 'https://smith.house.gov/media/in-the-news/x', null, null],
    ['Text.', 'https://www.ucsusa.org/news/press_release/letter.html', null, 'press-release:its address'],
    ['Text.', 'https://acme.example/newsroom/press-releases/q3-results', null, 'press-release:its address'],
    ['NEW YORK, Jan. 5, 2025 /PRNewswire/ -- Acme Corp. today announced', 'https://acme.example/x', null, 'press-release:PRNewswire'],
    ['BOSTON--(BUSINESS WIRE)--Acme Corp. today announced', null, null, 'press-release:BUSINESS WIRE'],
    ['TORONTO, March 3, 2025 (GLOBE NEWSWIRE) -- Acme Inc. reported', null, null, 'press-release:GLOBE NEWSWIRE'],
    [
      'GRAND RAPIDS, Mich., April 28, 2025 /PRNewswire-HISPANIC PR WIRE/ -- Meijer will',
      null,
      null,
      'press-release:PRNewswire-HISPANIC PR WIRE',
    ],
    ['AUSTIN, TX / ACCESSWIRE / May 1, 2025 / Acme said', null, null, 'press-release:ACCESSWIRE'],
    [`${'The company said in a statement. '.repeat(40)}It had been announced (Business Wire) earlier.`, null, null, null],
    ['FOR IMMEDIATE RELEASE\nThe museum will open.', null, null, 'press-release:FOR IMMEDIATE RELEASE'],
    ['The museum will open.\n\nMedia contact: Jo Ames, 555-0100', null, null, 'press-release:Media contact'],
    // News pages, however they mention releases or the press.
    ['Police said in a news release that the man was arrested.', 'https://www.example-gazette.com/news/local/x', 'Example Gazette', null],
    ['Text.', 'https://www.example.com/sports/press-box/x', null, null],
    ['### A heading\nText.', null, null, null],
  ];
  for (const [text, url, publisher, expected] of rows) {
    const issuer = issuerOf(text, url, publisher);
    assert.equal(issuer ? `${issuer.kind}:${issuer.name}` : null, expected, `${url ?? publisher ?? text}`);
  }
});
