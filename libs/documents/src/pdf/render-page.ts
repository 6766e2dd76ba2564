import type { Canvas } from '@napi-rs/canvas';
import type { PDFPageProxy, PdfJs } from './pdfjs';

/** A raster to draw a page into: its size in pixels and its (possibly unequal) resolutions. */
export interface RasterBox {
  width: number;
  height: number;
  xDpi: number;
  yDpi: number;
}

/**
 * Draws a page into `canvas` (sized to `box`) on white, scaled to fit the box with its aspect
 * ratio kept and centred. A landscape page is turned a quarter to portrait first, as a fax page is
 * portrait. Printing appearance: annotations and filled-in form fields are drawn. Returns the
 * canvas's RGBA pixels, valid until the canvas is drawn on again.
 */
export async function renderPage(pdfjs: PdfJs, page: PDFPageProxy, canvas: Canvas, box: RasterBox): Promise<Buffer> {
  const natural = page.getViewport({ scale: 1 });
  const rotation = natural.width > natural.height ? (page.rotate + 90) % 360 : page.rotate;
  const unit = page.getViewport({ scale: 1, rotation });
  const boxWidthPt = (box.width / box.xDpi) * 72;
  const boxHeightPt = (box.height / box.yDpi) * 72;
  const fit = Math.min(boxWidthPt / unit.width, boxHeightPt / unit.height);
  // The viewport sets the horizontal scale; the extra transform squeezes rows to the vertical dpi.
  const viewport = page.getViewport({ scale: (fit * box.xDpi) / 72, rotation });
  const squeeze = box.yDpi / box.xDpi;
  const offsetX = (box.width - viewport.width) / 2;
  const offsetY = (box.height - viewport.height * squeeze) / 2;
  const context = canvas.getContext('2d');
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, box.width, box.height);
  await page.render({
    canvas: canvas as never,
    canvasContext: context as never,
    viewport,
    transform: [1, 0, 0, squeeze, offsetX, offsetY],
    intent: 'print',
    annotationMode: pdfjs.AnnotationMode.ENABLE_STORAGE,
    background: '#ffffff',
  }).promise;
  // canvas.data() rather than getImageData(): @napi-rs/canvas 0.1.x never frees the memory behind
  // getImageData (about 15 MB per fax page here), while data() reads the pixels in place.
  return canvas.data();
}
