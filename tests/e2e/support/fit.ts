/**
 * The fit check of the wall screen (issue 11, KIOSK-UX "Touch": swiping is never required): in
 * one screen state, every visible element lies inside the viewport and inside any ancestor that
 * clips it, nothing can scroll (an element with overflow auto/scroll whose content is taller or
 * wider than its box, or the document itself), and so nothing needs a swipe to be seen.
 * One page.evaluate per state measures it, in each asked theme (switched the way the page applies
 * the kiosk config, `data-theme` on the root, and back).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';

/** One thing that does not fit: a short selector, its text, and what is wrong, in pixels. */
export interface Offender {
  selector: string;
  text: string;
  problem: string;
}

/** A measured state: which screen, at which size, scale and theme, and what did not fit. */
export interface StateResult {
  state: string;
  size: string;
  scale: number;
  theme: string;
  offenders: Offender[];
  /** Offenders left out of `offenders` (only the first few per state are named). */
  more: number;
}

export interface MeasureOptions {
  /** Only elements inside this (a dialog): the screen under it is measured in its own state. */
  scope?: string | undefined;
  /** Themes to measure in; the page's own theme when empty. */
  themes?: readonly string[];
}

interface InPageArgs {
  scope: string | null;
  themes: string[];
  limit: number;
  /** Below this a transform's shrink is a failure (0.8; FIT_SHRINK=0.995 lists every shrink). */
  shrink: number;
}

interface InPageResult {
  theme: string;
  offenders: Offender[];
  more: number;
}

/**
 * Runs in the page. Self-contained (it is serialised): no imports, no closures. Waits for images
 * and for the layout to hold still first, so a list that measures itself (the pager) has settled.
 */
async function inPage({ scope, themes, limit, shrink }: InPageArgs): Promise<InPageResult[]> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  const images = [...document.images].filter((i) => !i.complete);
  await Promise.race([
    Promise.all(
      images.map(
        (i) =>
          new Promise((resolve) => {
            i.addEventListener('load', resolve);
            i.addEventListener('error', resolve);
          }),
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ]);
  /**
   * Frames until the page's layout has stayed the same for two (at most 30): a pager measures
   * itself again when a picture has loaded, and when another theme draws other borders and
   * weights, as on a kiosk. Two frames, or none after a theme switch, judged a page still laid out
   * for before (a news card grown by its picture, over Hjem, before the pager moved it on).
   */
  const settled = async () => {
    const shape = () =>
      [...document.querySelectorAll('.pager-list > li, .pager-controls')]
        .map((el) => {
          const r = el.getBoundingClientRect();
          return `${r.top},${r.height}`;
        })
        .join(' ');
    let last = shape();
    for (let same = 0, n = 0; same < 2 && n < 30; n++) {
      await frame();
      const now = shape();
      same = now === last ? same + 1 : 0;
      last = now;
    }
  };

  await settled();

  const root = document.documentElement;
  const own = root.dataset['theme'] ?? 'standard';
  const name = (el: Element): string => {
    const cls = [...el.classList]
      .slice(0, 2)
      .map((c) => `.${c}`)
      .join('');
    return `${el.tagName.toLowerCase()}${el.id && !/[:\s]/.test(el.id) ? `#${el.id}` : ''}${cls}`;
  };
  const selector = (el: Element): string => {
    const parent = el.parentElement;
    return parent && parent !== document.body ? `${name(parent)} > ${name(el)}` : name(el);
  };
  const textOf = (el: Element): string => {
    const raw =
      (el as HTMLElement).innerText ||
      el.getAttribute('aria-label') ||
      el.getAttribute('alt') ||
      el.textContent ||
      '';
    const text = raw.replace(/\s+/g, ' ').trim();
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const px = (n: number) => Math.round(n);

  const scan = (): { offenders: Offender[]; more: number } => {
    const found: Offender[] = [];
    const flagged = new Set<Element>();
    const vw = root.clientWidth;
    const vh = root.clientHeight;
    const doc = document.scrollingElement ?? root;
    const docStyle = getComputedStyle(root);
    const bodyStyle = getComputedStyle(document.body);
    const docCanScroll = (axis: 'x' | 'y') =>
      ![docStyle, bodyStyle].some((s) => (axis === 'y' ? s.overflowY : s.overflowX) === 'hidden');
    if (doc.scrollHeight > doc.clientHeight + 1 && docCanScroll('y'))
      found.push({
        selector: 'document',
        text: '',
        problem: `the page scrolls: ${doc.scrollHeight} px tall in ${doc.clientHeight} px`,
      });
    if (doc.scrollWidth > doc.clientWidth + 1 && docCanScroll('x'))
      found.push({
        selector: 'document',
        text: '',
        problem: `the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`,
      });

    const styles = new Map<Element, CSSStyleDeclaration>();
    const style = (el: Element) => {
      let s = styles.get(el);
      if (!s) styles.set(el, (s = getComputedStyle(el)));
      return s;
    };
    const clips = (s: CSSStyleDeclaration) =>
      s.overflowX !== 'visible' || s.overflowY !== 'visible';
    const hasFlaggedAncestor = (el: Element) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (flagged.has(a)) return true;
      return false;
    };
    const inScope = scope ? [...document.querySelectorAll(scope)] : [document.body];
    const elements = inScope.flatMap((s) => [s, ...s.querySelectorAll('*')]);
    for (const el of elements) {
      if (el === document.body) continue;
      const s = style(el);
      if (s.display === 'none' || s.display === 'contents') continue;
      const scrollsY =
        (s.overflowY === 'auto' || s.overflowY === 'scroll') &&
        el.scrollHeight > el.clientHeight + 1;
      const scrollsX =
        (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;
      if (scrollsY || scrollsX)
        found.push({
          selector: selector(el),
          text: textOf(el),
          problem: scrollsY
            ? `can scroll: ${el.scrollHeight} px of content in ${el.clientHeight} px`
            : `can scroll sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`,
        });
      if (s.visibility !== 'visible' || s.opacity === '0') continue;
      const r = el.getBoundingClientRect();
      // Made small to fit (a transform: scale): the words are smaller than the guide's sizes,
      // or gone. offsetWidth is the box before transforms.
      const laid = el instanceof HTMLElement ? el.offsetWidth : 0;
      if (laid >= 8 && r.width / laid < shrink && !hasFlaggedAncestor(el)) {
        flagged.add(el);
        found.push({
          selector: selector(el),
          text: textOf(el),
          problem: `shrunk to ${Math.round((100 * r.width) / laid)} % of its size by a transform`,
        });
        continue;
      }
      // Zero-size boxes and the one-pixel "visually hidden" text for screen readers.
      if (r.width < 2 || r.height < 2) continue;
      if (hasFlaggedAncestor(el)) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        flagged.add(el);
        found.push({
          selector: selector(el),
          text: textOf(el),
          problem: `outside the ${vw}×${vh} viewport: box ${px(r.left)},${px(r.top)} to ${px(r.right)},${px(r.bottom)}`,
        });
        continue;
      }
      // Cut off by an ancestor that clips (overflow hidden, clip or a scroll area). A fixed box
      // is clipped only by the viewport; an absolute one only from its containing block up.
      if (s.position === 'fixed') continue;
      let positioned = s.position !== 'absolute';
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const as = style(a);
        if (!positioned) {
          if (as.position === 'static' && as.transform === 'none') continue;
          positioned = true;
        }
        if (!clips(as)) {
          if (as.position === 'fixed') break;
          continue;
        }
        const c = a.getBoundingClientRect();
        if (
          r.left < c.left - 1 ||
          r.top < c.top - 1 ||
          r.right > c.right + 1 ||
          r.bottom > c.bottom + 1
        ) {
          flagged.add(el);
          found.push({
            selector: selector(el),
            text: textOf(el),
            problem: `cut off by ${name(a)}: box ${px(r.left)},${px(r.top)} to ${px(r.right)},${px(r.bottom)}, shown ${px(c.left)},${px(c.top)} to ${px(c.right)},${px(c.bottom)}`,
          });
        }
        break;
      }
    }
    found.push(...overlapping(elements, style));
    // Blank room is looked for in the screen's content (or the dialog measured), not in the
    // frame: the top band keeps the offline line's room empty on purpose (nothing moves when it
    // comes).
    const content = scope ? inScope : [...document.querySelectorAll('main')];
    found.push(
      ...blank(
        content,
        elements.filter((el) => content.some((c) => c.contains(el))),
        style,
        vw,
        vh,
      ),
    );
    return { offenders: found.slice(0, limit), more: Math.max(0, found.length - limit) };
  };

  /**
   * Two controls whose boxes intersect: one stands over the other, so a tap meant for one may
   * hit the other and its words are hidden (Book's Forrige / Næste over the blue "Jeg bruger den
   * nu" bar in landscape). Controls are what a resident taps: buttons, links and inputs, visible
   * and at least 2 px each way; one inside the other (a link around a button) is one control.
   * More than a pixel each way counts, so controls that merely touch do not.
   */
  function overlapping(all: Element[], style: (el: Element) => CSSStyleDeclaration): Offender[] {
    const controls = all
      .filter((el) => el.matches('button, a[href], input, select, textarea, [role="button"]'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ el, r }) => {
        const s = style(el);
        return r.width >= 2 && r.height >= 2 && s.visibility === 'visible' && s.opacity !== '0';
      });
    const out: Offender[] = [];
    for (let i = 0; i < controls.length; i++) {
      const a = controls[i]!;
      for (let j = i + 1; j < controls.length; j++) {
        const b = controls[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1)
          out.push({
            selector: selector(a.el),
            text: textOf(a.el),
            problem: `overlaps ${selector(b.el)} "${textOf(b.el)}" by ${px(w)}×${px(h)} px`,
          });
      }
    }
    return out;
  }

  /**
   * A blank band: a box the layout gives room (at least a tenth of the screen high and a quarter
   * of it wide) in which nothing is painted: no words, picture or control, no background or
   * border of its own or of anything inside it (Home's glance at 1920×1080 ×1.25 kept its row
   * when neither list had room for an item). Only the outermost such box is named. Space beside
   * content inside a box that holds something (a page's last row, the gap above Forrige /
   * Næste) is not a band: its box is not blank.
   */
  function blank(
    roots: Element[],
    all: Element[],
    style: (el: Element) => CSSStyleDeclaration,
    vw: number,
    vh: number,
  ): Offender[] {
    const shows = (s: CSSStyleDeclaration) => s.visibility === 'visible' && s.opacity !== '0';
    const full = new Set<Element>();
    const mark = (from: Element | null) => {
      for (let a = from; a && !full.has(a); a = a.parentElement) full.add(a);
    };
    for (const el of all) {
      const s = style(el);
      if (s.display === 'none' || !shows(s) || el.getClientRects().length === 0) continue;
      const drawn =
        el.matches('img, svg, canvas, video, input, select, textarea') ||
        !/rgba\(0, 0, 0, 0\)|transparent/.test(s.backgroundColor) ||
        s.backgroundImage !== 'none' ||
        (['Top', 'Right', 'Bottom', 'Left'] as const).some(
          (side) =>
            s.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none' &&
            parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0,
        );
      if (drawn) mark(el);
    }
    for (const r of roots) {
      const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || full.has(parent) || !(n.textContent ?? '').trim()) continue;
        if (shows(style(parent)) && parent.getClientRects().length > 0) mark(parent);
      }
    }
    const out: Offender[] = [];
    const named = new Set<Element>();
    for (const el of all) {
      if (full.has(el) || el === document.body) continue;
      let inside = false;
      for (let a = el.parentElement; a && !inside; a = a.parentElement) inside = named.has(a);
      if (inside) continue;
      const s = style(el);
      if (s.display === 'none' || s.display === 'contents' || !shows(s)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < vh / 10 || r.width < vw / 4) continue;
      named.add(el);
      out.push({
        selector: selector(el),
        text: '',
        problem: `blank: nothing shown in ${px(r.width)}×${px(r.height)} px at ${px(r.left)},${px(r.top)}`,
      });
    }
    return out;
  }

  const out: InPageResult[] = [];
  for (const theme of themes.length > 0 ? themes : [own]) {
    if ((root.dataset['theme'] ?? 'standard') !== theme) {
      root.dataset['theme'] = theme;
      await settled();
    }
    out.push({ theme, ...scan() });
  }
  root.dataset['theme'] = own;
  await settled();
  return out;
}

/** Measures the page's current state: one result per theme. */
export async function measureFit(
  page: Page,
  where: { state: string; size: string; scale: number },
  opts: MeasureOptions = {},
): Promise<StateResult[]> {
  const results = await page.evaluate(inPage, {
    scope: opts.scope ?? null,
    themes: [...(opts.themes ?? [])],
    limit: 8,
    // To measure how far a state is from fitting, not to pass with: a shrunk state fails.
    shrink: Number(process.env['FIT_SHRINK'] ?? 0.8),
  });
  return results.map((r) => ({ ...where, ...r }));
}

/** One line per offender: "screen @ size ×scale theme: selector "text": problem". */
export function describeFailures(results: readonly StateResult[]): string[] {
  return results.flatMap((r) => [
    ...r.offenders.map(
      (o) =>
        `${r.state} @ ${r.size} ×${r.scale} ${r.theme}: ${o.selector}${o.text ? ` "${o.text}"` : ''}: ${o.problem}`,
    ),
    ...(r.more > 0 ? [`${r.state} @ ${r.size} ×${r.scale} ${r.theme}: and ${r.more} more`] : []),
  ]);
}

/** A state the walker could not reach (a button missing or off the screen), as a failure. */
export interface Unreached {
  state: string;
  size: string;
  scale: number;
  reason: string;
}

/**
 * The report the other engineers fix from (markdown): failures grouped by screen (the part of the
 * state name before ":"), each with the sizes and scales it happens at.
 */
export function writeReport(
  path: string,
  summary: string,
  results: readonly StateResult[],
  unreached: readonly Unreached[],
): void {
  const byScreen = new Map<string, string[]>();
  const add = (state: string, line: string) => {
    const screen = (state.split(/[:(]/)[0] ?? state).trim();
    byScreen.set(screen, [...(byScreen.get(screen) ?? []), line]);
  };
  for (const r of results)
    for (const o of r.offenders)
      add(
        r.state,
        `- ${r.state} — ${r.size} ×${r.scale} ${r.theme}: \`${o.selector}\`${o.text ? ` "${o.text}"` : ''}: ${o.problem}`,
      );
  for (const r of results)
    if (r.more > 0)
      add(r.state, `- ${r.state} — ${r.size} ×${r.scale} ${r.theme}: and ${r.more} more`);
  for (const u of unreached)
    add(u.state, `- ${u.state} — ${u.size} ×${u.scale}: NOT REACHED: ${u.reason}`);
  const lines = [`# Kiosk fit report`, '', summary, ''];
  // Where each screen fails, in one line, before the details.
  const where = (screen: string) => {
    const at = new Set<string>();
    for (const r of results)
      if (r.offenders.length > 0 && r.state.startsWith(screen)) at.add(`${r.size} ×${r.scale}`);
    for (const u of unreached) if (u.state.startsWith(screen)) at.add(`${u.size} ×${u.scale}`);
    return [...at].sort().join(', ');
  };
  for (const screen of byScreen.keys()) lines.push(`- **${screen}**: ${where(screen)}`);
  lines.push('');
  for (const [screen, items] of byScreen) lines.push(`## ${screen}`, '', ...items, '');
  if (byScreen.size === 0) lines.push('No failures.', '');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n'));
}
