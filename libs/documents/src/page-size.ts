/** Paper size of generated PDFs and fax pages (the gateway's `FAX_PAGE_SIZE`). */
export type PageSize = 'letter' | 'a4';

/** Page sizes in PDF points (1/72 in). */
export const PAGE_SIZES_PT: Readonly<Record<PageSize, { width: number; height: number }>> = Object.freeze({
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
});

/** Fax vertical resolution: `fine` 204 × 196 dpi (the default) or `standard` 204 × 98 dpi. */
export type FaxResolution = 'fine' | 'standard';

/** Every fax page is 1728 pixels wide: the T.4 scan line of 215 mm at 204 dpi. */
export const FAX_WIDTH_PX = 1728;
/** Horizontal fax resolution in dots per inch. */
export const FAX_X_DPI = 204;

/** Pixel size and resolution of one fax page of `pageSize` at `resolution`. */
export function faxPageGeometry(pageSize: PageSize, resolution: FaxResolution): { width: number; height: number; xDpi: number; yDpi: number } {
  const yDpi = resolution === 'fine' ? 196 : 98;
  return { width: FAX_WIDTH_PX, height: Math.round((PAGE_SIZES_PT[pageSize].height / 72) * yDpi), xDpi: FAX_X_DPI, yDpi };
}

/** True for the page sizes this package knows. */
export function isPageSize(value: unknown): value is PageSize {
  return value === 'letter' || value === 'a4';
}
