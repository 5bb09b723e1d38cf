import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

/** Debian's fonts-wqy-microhei (文泉驿微米黑): installed by tools/install-system-packages.sh and the Dockerfile. */
export const DEFAULT_LETTER_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** Every character the letter's own wording uses: a font that lacks one would print it as a box. */
export const LETTER_WORDING =
  '中国共产党党员组织关系介绍信存根兹介绍同志男女岁族系中共正式预备党员组织关系由转到前往你处请接洽该同志党费已交到年月日' +
  '有效期天至号盖章转接原因编号接收党组织扫码或输入验证码办理此处裁开（）：，。、0123456789-ABCDEFGHJKMNPQRSTVWXYZ';

/** A TrueType/OpenType face, by its PostScript name, and the file's bytes (pdfkit embeds a subset of it). */
export interface LetterFont {
  readonly data: Buffer;
  readonly postscriptName: string;
}

const missing = (font: Font, text: string): string[] =>
  [...new Set(text)].filter((char) => !font.hasGlyphForCodePoint(char.codePointAt(0)!));

const loaded = new Map<string, LetterFont>();

/**
 * The face of a font file that has every character of the letter's wording (the first such face of a collection,
 * .ttc), read once per path. Throws an error that says what is wrong with the file.
 */
export function loadLetterFont(fontPath: string): LetterFont {
  const known = loaded.get(fontPath);
  if (known) return known;
  let data: Buffer;
  let opened: ReturnType<typeof create>;
  try {
    data = readFileSync(fontPath);
  } catch (error) {
    throw new Error(
      `the transfer letter's font ${fontPath} cannot be read (${error instanceof Error ? error.message : String(error)}); ` +
        'install Debian’s fonts-wqy-microhei or name a TrueType font with Chinese glyphs',
    );
  }
  try {
    opened = create(data);
  } catch {
    throw new Error(`the transfer letter's font ${fontPath} is not a TrueType or OpenType font (or collection)`);
  }
  const faces = 'fonts' in opened ? opened.fonts : [opened];
  const face = faces.find((f) => missing(f, LETTER_WORDING).length === 0);
  if (!face)
    throw new Error(
      `the transfer letter's font ${fontPath} lacks Chinese glyphs the letter prints (${missing(faces[0]!, LETTER_WORDING).slice(0, 10).join('')}…)`,
    );
  const font = { data, postscriptName: face.postscriptName };
  loaded.set(fontPath, font);
  return font;
}

/** What is wrong with a font file for the letter, or null when it will do (checked at start-up). */
export function letterFontProblem(fontPath: string): string | null {
  try {
    loadLetterFont(fontPath);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
