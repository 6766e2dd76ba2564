import { FAX_FONT_ADVANCE_EM } from '../font/fax-font';
import type { PageSize } from '../page-size';
import { PAGE_SIZES_PT } from '../page-size';

const CHAR_WIDTH = 6;

/**
 * How text is set: the monospaced fax font in 6 pt columns (about 10 pt: DejaVu Sans Mono's
 * advance is 0.602 em, so 9.97 pt) on 12 pt lines with 0.75 in margins: 84 columns × 57 lines on
 * Letter, the grid Courier 10 pt gave before.
 */
export const TEXT_STYLE = Object.freeze({ fontSize: CHAR_WIDTH / FAX_FONT_ADVANCE_EM, lineHeight: 12, margin: 54, charWidth: CHAR_WIDTH, tabSize: 8 });

/** Columns and lines that fit one page of `pageSize`. */
export interface TextGrid {
  columns: number;
  linesPerPage: number;
}

/** The {@link TextGrid} of a page size in {@link TEXT_STYLE}. */
export function textGrid(pageSize: PageSize): TextGrid {
  const { width, height } = PAGE_SIZES_PT[pageSize];
  return {
    columns: Math.floor((width - 2 * TEXT_STYLE.margin) / TEXT_STYLE.charWidth),
    linesPerPage: Math.floor((height - 2 * TEXT_STYLE.margin) / TEXT_STYLE.lineHeight),
  };
}

/**
 * Lays a prepared text (see `prepareFaxText`) out in pages of lines. Tabs expand to 8-column stops;
 * a line longer than the page is wrapped at its last space that fits, and a word longer than a
 * whole line is cut into line-long pieces, so every character ends up on a page. A form feed
 * starts a new page. Blank pages at the end are dropped; an all-blank text gives no pages.
 */
export function layoutText(text: string, grid: TextGrid): string[][] {
  const pages: string[][] = [];
  let current: string[] = [];
  const pushLine = (line: string): void => {
    if (current.length === grid.linesPerPage) {
      pages.push(current);
      current = [];
    }
    current.push(line);
  };
  const sheets = text.split('\f');
  sheets.forEach((sheet, index) => {
    const lines = sheet.split('\n');
    // A newline at the very end of a sheet terminates its last line rather than opening a new one.
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) for (const piece of wrapLine(expandTabs(line), grid.columns)) pushLine(piece);
    if (index < sheets.length - 1) {
      pages.push(current);
      current = [];
    }
  });
  pages.push(current);
  while (pages.length > 0 && (pages[pages.length - 1] ?? []).every((line) => line.trim() === '')) pages.pop();
  return pages;
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let output = '';
  for (const char of line) {
    if (char === '\t') output += ' '.repeat(TEXT_STYLE.tabSize - (output.length % TEXT_STYLE.tabSize));
    else output += char;
  }
  return output;
}

function wrapLine(line: string, columns: number): string[] {
  const pieces: string[] = [];
  let rest = line.trimEnd();
  while (rest.length > columns) {
    // Break at the last space that keeps the piece within the line; the space itself is dropped.
    const space = rest.lastIndexOf(' ', columns);
    const head = space > 0 ? rest.slice(0, space).trimEnd() : '';
    if (head.length > 0) {
      pieces.push(head);
      rest = rest.slice(space + 1).replace(/^ +/, '');
    } else {
      pieces.push(rest.slice(0, columns));
      rest = rest.slice(columns);
    }
  }
  pieces.push(rest);
  return pieces;
}
