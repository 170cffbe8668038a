// The web app's own scripts never turn data into markup or code (the CSP's second line).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadWebAssets } from './assets.js';

describe('web app sources', () => {
  it('never parse data as HTML or code', async () => {
    // The app's own scripts; third-party ones under /vendor/ (Swagger UI) run on the API reference
    // page only, which shows the server's OpenAPI document and no stored text.
    const scripts = [...loadWebAssets()].filter(([path]) => path.endsWith('.js') && !path.startsWith('/vendor/'));
    assert.ok(scripts.length >= 5, 'the app is there');
    for (const [path, asset] of scripts) {
      const source = new TextDecoder().decode(asset.body);
      assert.doesNotMatch(
        source,
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"]on/,
        path,
      );
    }
  });
});
