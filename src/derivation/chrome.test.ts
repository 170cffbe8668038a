import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findReuse } from '../reuse/index.js';
import { chromeSpans } from './chrome.js';
import { deriveStory } from './index.js';
import { analyzed, INDEPENDENT, ORIGINAL } from './families.js';

const PLAYLIST = [
  'Watch more videos',
  'Storm brings heavy snow to the mountains as drivers are told to stay home',
  'Local bakery celebrates 100 years in business',
  'High school team wins the state title in overtime',
].join('\n');

test('chromeSpans: playlists, credits and copyright lines are chrome; prose and a lone headline are not', () => {
  const rows: [string, string[]][] = [
    [`Prices rose on Monday.\n${PLAYLIST}`, [PLAYLIST]],
    ['Copyright 2024 Example News. All rights reserved.', ['Copyright 2024 Example News. All rights reserved.']],
    ['Photo: Jane Doe/Getty Images\nThe dam gave way.', ['Photo: Jane Doe/Getty Images']],
    ['Dam gives way in the north\nThe dam gave way on Sunday.', []],
    ['Key points:\nThe union wants 9 percent.\nThe port offers 4.5 percent.', []],
    // Photo captions: the same agency photo runs with many outlets' stories.
    [
      'Prices rose.\nPresident Donald Trump speaks during a news conference, Monday, May 1, 2018, in Washington. (AP Photo/Evan Vucci)',
      ['President Donald Trump speaks during a news conference, Monday, May 1, 2018, in Washington. (AP Photo/Evan Vucci)'],
    ],
    [
      'FILE - In this March 8, 2018 file photo, President Donald Trump holds up a proclamation on steel imports.\nPrices rose.',
      ['FILE - In this March 8, 2018 file photo, President Donald Trump holds up a proclamation on steel imports.'],
    ],
    ['Workers at the plant on Monday. REUTERS/Kevin Lamarque\nPrices rose.', ['Workers at the plant on Monday. REUTERS/Kevin Lamarque']],
    ['Workers at the plant. (Photo: Jane Doe/USA TODAY)\nPrices rose.', ['Workers at the plant. (Photo: Jane Doe/USA TODAY)']],
    [
      'Workers at the plant.Credit...Doug Mills/The New York Times\nPrices rose.',
      ['Workers at the plant.Credit...Doug Mills/The New York Times'],
    ],
    // An agency's standing lines under every story of a beat.
    [
      "Prices rose.\n___\nFollow AP's coverage of the Israel-Hamas war at https://apnews.com/hub/israel-hamas-war",
      ["___\nFollow AP's coverage of the Israel-Hamas war at https://apnews.com/hub/israel-hamas-war"],
    ],
    [
      "Prices rose.\nThe Associated Press' climate and environmental coverage receives financial support from multiple private foundations. AP is solely responsible for all content.",
      [
        "The Associated Press' climate and environmental coverage receives financial support from multiple private foundations. AP is solely responsible for all content.",
      ],
    ],
    // Prose that names an agency or a file is no caption.
    ['The minister told AP on Monday that prices would rise (as Reuters reported).\nThe file was sent to prosecutors.', []],
  ];
  for (const [text, expected] of rows)
    assert.deepEqual(
      chromeSpans(text).map(([s, e]) => text.slice(s, e)),
      expected,
      text,
    );
});

test('two unrelated articles of one outlet sharing its page chrome are not linked', () => {
  const footer = `${PLAYLIST}\nCopyright 2024 Example Broadcasting Company. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.`;
  const articles = [analyzed('wire', `${ORIGINAL}\n\n${footer}`), analyzed('local', `${INDEPENDENT}\n\n${footer}`)];
  for (const method of ['rules', 'model'] as const) {
    const d = deriveStory(articles, findReuse(articles), { method });
    assert.deepEqual(
      d.map((x) => [x.derivedFrom.length, x.sharedSourceWith.length]),
      [
        [0, 0],
        [0, 0],
      ],
      `${method}: ${d.map((x) => x.reason).join(' | ')}`,
    );
  }
});
