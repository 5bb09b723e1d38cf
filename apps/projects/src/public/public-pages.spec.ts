import { errorPage, escapeHtml, needPage, ratingPage } from './public-pages';

const HOSTILE = `"><script>alert('x')</script><img src=x onerror=alert(1)>&`;

describe('public pages', () => {
  it('escapes every interpolated value', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\``)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#96;');
    const rating = ratingPage({
      link: HOSTILE,
      title: HOSTILE,
      councilName: HOSTILE,
      open: true,
      levels: ['VerySatisfied', 'Satisfied', 'BasicallySatisfied', 'Dissatisfied'],
    });
    const need = needPage({ link: HOSTILE, councilName: HOSTILE, kinds: ['Need'], categories: ['PublicServices'] });
    for (const page of [rating, need]) {
      expect(page.html).not.toContain('<script>alert');
      expect(page.html).not.toContain('<img');
      expect(page.html).toContain('&#34;&#62;&#60;script&#62;alert(&#39;x&#39;)');
      // the one script is the nonced one
      expect(page.html.match(/<script/g)).toHaveLength(1);
    }
  });

  it('allows only its own nonced style and script, a new nonce per page', () => {
    const a = errorPage(400);
    const b = ratingPage({ link: 'abc', title: 't', councilName: 'c', open: true, levels: ['Satisfied'] });
    const nonce = (csp: string) => /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce(a.headers['Content-Security-Policy']!)).not.toBe(nonce(b.headers['Content-Security-Policy']!));
    expect(b.headers['Content-Security-Policy']).toMatch(/^default-src 'none'; /);
    expect(b.html).toContain(`<script nonce="${nonce(b.headers['Content-Security-Policy']!)}">`);
    expect(b.html).toContain(`<style nonce="${nonce(b.headers['Content-Security-Policy']!)}">`);
    // an error page and a closed rating form have no script
    expect(a.html).not.toContain('<script');
    expect(ratingPage({ link: 'abc', title: 't', councilName: 'c', open: false, levels: [] }).html).not.toContain(
      '<script',
    );
    expect([errorPage(400).status, errorPage(410).status]).toEqual([400, 410]);
  });
});
