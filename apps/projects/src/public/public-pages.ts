import { randomBytes } from 'node:crypto';
import { type NEED_CATEGORIES, type NEED_KINDS, type SATISFACTION_LEVELS } from '@lianjian/projects-domain';

/**
 * The pages a public link (and its QR code) opens: `/public/rate?l=<code>` (a project's rating form) and
 * `/public/need?l=<code>` (a council's need form). Small server-rendered HTML in Chinese for a phone, with no external
 * asset: the style and the script are inline, allowed by a per-response nonce in a strict Content-Security-Policy;
 * the script posts the form to `/public/graphql` (the same operations, the same checks) and shows the result or the
 * error's message. Every interpolated value is escaped.
 */

type Level = (typeof SATISFACTION_LEVELS)[number];
type Kind = (typeof NEED_KINDS)[number];
type Category = (typeof NEED_CATEGORIES)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  VerySatisfied: '非常满意',
  Satisfied: '满意',
  BasicallySatisfied: '基本满意',
  Dissatisfied: '不满意',
};

export const KIND_LABELS: Record<Kind, string> = { Need: '需求', Wish: '微心愿', Idea: '意见建议' };

export const CATEGORY_LABELS: Record<Category, string> = {
  SocialManagement: '社会管理事务',
  PublicServices: '公共服务',
  ResourceIntegration: '资源整合',
  SocialValue: '社会价值',
  SharedCommunityCulture: '共建共享社区文化',
  CommunityPublicAffairs: '社区公共事务',
  AwardsAndCreation: '评优创建',
};

/** HTML-escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page and the headers it goes with (its CSP carries the page's nonce). */
export interface RenderedPage {
  readonly status: number;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const pageNonce = (): string => randomBytes(16).toString('base64');

/** The headers of every public page: nothing but this page's own style and script, no framing, no referrer. */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'self'",
      "form-action 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    // the link's code is in the URL: no other site learns it
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f5f5f5}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.5rem 0}
.sub{color:#666;margin:0 0 1rem}
form,.box{background:#fff;border-radius:8px;padding:1rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend,label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.opt{display:flex;align-items:center;gap:.5rem;font-weight:400;margin:.25rem 0;padding:.5rem;border:1px solid #ddd;border-radius:6px}
input[type=text],input[type=tel],select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #ccc;border-radius:6px}
textarea{min-height:6rem}
.note{color:#a33;font-size:.9rem;margin:.25rem 0}
.hint{color:#666;font-size:.9rem;margin:.25rem 0}
button{width:100%;font:inherit;font-size:1.1rem;margin-top:1rem;padding:.75rem;border:0;border-radius:6px;background:#c8102e;color:#fff}
button:disabled{opacity:.6}
#result{margin-top:1rem;padding:.75rem;border-radius:6px;display:none}
#result.ok{display:block;background:#e8f5e9;color:#1b5e20}
#result.err{display:block;background:#fdecea;color:#b71c1c}
`;

/** Posts the form's fields to /public/graphql and shows the outcome; static (nothing interpolated into it). */
const SCRIPT = `
(function () {
  var form = document.getElementById('form');
  var out = document.getElementById('result');
  var CODES = {
    PROJECT_ALREADY_RATED: '您已经评价过这个项目，每人只能评价一次。',
    PROJECT_RATING_CLOSED: '这个项目目前不接受评价。',
    RATING_COMMENT_TOO_LONG: '意见太长，请精简到500字以内。',
    LINK_INVALID: '链接无效。',
    LINK_EXPIRED: '链接已过期。',
    RATE_LIMITED: '提交太频繁，请稍后再试。'
  };
  var FIELDS = { contact: '请填写正确的手机号码。', 'contact.phone': '请填写正确的联系电话。',
    title: '请填写标题。', description: '请填写具体内容。', level: '请选择满意程度。' };
  function show(ok, text) { out.className = ok ? 'ok' : 'err'; out.textContent = text; }
  function value(name) { var e = form.elements[name]; return e ? String(e.value).trim() : ''; }
  function checked(name) { var e = form.querySelector('input[name="' + name + '"]:checked'); return e ? e.value : ''; }
  function variables() {
    var link = form.getAttribute('data-link');
    if (form.getAttribute('data-form') === 'rate')
      return { query: 'mutation($input: RateProjectInput!) { rateProject(input: $input) { level comment } }',
        variables: { input: { link: link, contact: value('contact'), level: checked('level'),
          comment: value('comment') || null } } };
    var name = value('name'), phone = value('phone');
    return { query: 'mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { receiptCode } }',
      variables: { input: { link: link, kind: value('kind'), category: value('category'), title: value('title'),
        description: value('description'), place: value('place') || null, submitterKind: value('submitterKind'),
        contact: name || phone ? { name: name || null, phone: phone || null } : null } } };
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (form.getAttribute('data-form') === 'rate' && !checked('level')) { show(false, FIELDS.level); return; }
    var button = form.querySelector('button');
    button.disabled = true;
    fetch('graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(variables()) })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        var error = answer.errors && answer.errors[0];
        if (error) {
          var x = error.extensions || {};
          show(false, CODES[x.code] || (x.code === 'BAD_USER_INPUT' && FIELDS[x.field]) || error.message);
          button.disabled = false;
          return;
        }
        if (answer.data.rateProject) { form.reset(); show(true, '感谢您的评价！'); }
        else {
          form.reset();
          show(true, '已提交，感谢！请保存回执码以查询办理情况：' + answer.data.submitNeed.receiptCode);
        }
        button.disabled = false;
      })
      .catch(function () { show(false, '网络错误，请稍后再试。'); button.disabled = false; });
  });
})();
`;

function page(nonce: string, title: string, body: string, withForm: boolean): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${withForm ? `<script nonce="${nonce}">${SCRIPT}</script>\n` : ''}</body>
</html>
`;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>): string =>
  values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(labels[v])}</option>`).join('');

/** A project's rating form: its title and council, the four levels, a comment, the phone (one rating per person). */
export function ratingPage(form: {
  readonly link: string;
  readonly title: string;
  readonly councilName: string;
  readonly open: boolean;
  readonly levels: readonly Level[];
}): RenderedPage {
  const nonce = pageNonce();
  const head = `<h1>${escapeHtml(form.title)}</h1>
<p class="sub">${escapeHtml(form.councilName)} · 项目满意度评价</p>`;
  const body = form.open
    ? `${head}
<form id="form" data-form="rate" data-link="${escapeHtml(form.link)}" novalidate>
<fieldset><legend>您对这个项目满意吗？</legend>
${form.levels
  .map(
    (level) =>
      `<label class="opt"><input type="radio" name="level" value="${escapeHtml(level)}"> ${escapeHtml(LEVEL_LABELS[level])}</label>`,
  )
  .join('\n')}
</fieldset>
<label for="comment">意见或建议（选填）</label>
<textarea id="comment" name="comment" maxlength="500"></textarea>
<p class="note">请勿填写姓名、手机号码、身份证号或住址，这些信息会在保存前被删除。</p>
<label for="contact">手机号码</label>
<input id="contact" name="contact" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" required>
<p class="hint">仅用于确保每人只评价一次，不会保存或显示。</p>
<button type="submit">提交评价</button>
<div id="result" role="status"></div>
</form>`
    : `${head}
<div class="box"><p>这个项目目前不接受评价（项目完成后至结项前可以评价）。</p></div>`;
  return { status: 200, html: page(nonce, `${form.title} · 满意度评价`, body, form.open), headers: pageHeaders(nonce) };
}

/** A council's need form: kind, category, title, description, place, and an optional contact (sealed). */
export function needPage(form: {
  readonly link: string;
  readonly councilName: string;
  readonly kinds: readonly Kind[];
  readonly categories: readonly Category[];
}): RenderedPage {
  const nonce = pageNonce();
  const body = `<h1>提交需求、微心愿或建议</h1>
<p class="sub">${escapeHtml(form.councilName)}</p>
<form id="form" data-form="need" data-link="${escapeHtml(form.link)}" novalidate>
<label for="kind">类型</label>
<select id="kind" name="kind">${options(form.kinds, KIND_LABELS)}</select>
<label for="category">类别</label>
<select id="category" name="category">${options(form.categories, CATEGORY_LABELS)}</select>
<label for="title">标题</label>
<input id="title" name="title" type="text" maxlength="100" required>
<label for="description">具体内容</label>
<textarea id="description" name="description" maxlength="2000" required></textarea>
<label for="place">地点（选填）</label>
<input id="place" name="place" type="text" maxlength="200">
<p class="note">标题、内容和地点会公开给联席会议成员：请勿在其中填写姓名、电话或身份证号。</p>
<label for="submitterKind">您是</label>
<select id="submitterKind" name="submitterKind"><option value="Resident">居民</option><option value="OfficeWorker">在此工作的职工</option></select>
<fieldset><legend>联系方式（选填）</legend>
<label for="name">称呼</label>
<input id="name" name="name" type="text" maxlength="50" autocomplete="name">
<label for="phone">电话</label>
<input id="phone" name="phone" type="tel" inputmode="tel" maxlength="30" autocomplete="tel">
<p class="hint">加密保存，仅联席会议管理员可见，用于联系您。</p>
</fieldset>
<button type="submit">提交</button>
<div id="result" role="status"></div>
</form>`;
  return { status: 200, html: page(nonce, `${form.councilName} · 提交需求`, body, true), headers: pageHeaders(nonce) };
}

const ERROR_TEXTS: Record<number, [string, string]> = {
  400: ['链接无效', '这个链接无效或已被改动。请扫描张贴的二维码，或向社区工作人员索取新的链接。'],
  410: ['链接已过期', '这个链接已经过期。请向社区工作人员索取新的链接。'],
  429: ['请稍后再试', '访问太频繁，请稍后再试。'],
  500: ['暂时无法打开', '页面暂时无法打开，请稍后再试。'],
};

/** A page saying only that the link does not open (no detail of why beyond invalid / expired). */
export function errorPage(status: 400 | 410 | 429 | 500): RenderedPage {
  const nonce = pageNonce();
  const [title, text] = ERROR_TEXTS[status]!;
  return {
    status,
    html: page(nonce, title, `<h1>${escapeHtml(title)}</h1>\n<div class="box"><p>${escapeHtml(text)}</p></div>`, false),
    headers: pageHeaders(nonce),
  };
}
