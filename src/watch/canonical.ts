// One form for the many ways feeds write one article's URL, so an article named twice (by two
// feeds, or again after its feed item changed) is fetched once.

/** Query parameters that track a click and never choose the page (Google Analytics, Facebook, Mailchimp, ...). */
const TRACKING_PARAMETER = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid|ocid|cmpid|at_medium|at_campaign|ns_\w+|rss)$/i;

/**
 * The URL with scheme and host in lower case, the default port, the fragment and tracking
 * parameters dropped; null when it is not an http(s) URL. Paths and other parameters are kept
 * as written: on many sites they do choose the page.
 */
export function canonicalUrl(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
  if ([...url.searchParams.keys()].length === 0) url.search = '';
  return url.toString();
}
