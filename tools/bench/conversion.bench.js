// Conversion throughput of @faxbot/documents on this machine: PDF → fax TIFF (G4, and G3 1-D, at
// 204 × 196 dpi) for a dense 400-page text PDF and a 20-page scan-like PDF, in pages per second
// and CPU seconds per page: one document on one worker, one document shared over the full pool,
// and one document per core at once. When Ghostscript (`gs`) is on PATH, the same files go
// through `gs -sDEVICE=tiffg4 -r204x196` in the same run (one process per document), fitted to the
// same 1728 × 2156 fax page, and the ratios ours/gs are printed. Last, a single-thread profile
// splits the time of one page between PDFium (WebAssembly: loading the page, checking its image
// sizes, drawing it into the 8-bit grey bitmap) and our CCITT coding straight from the grey rows
// (in WebAssembly with SIMD; the JavaScript coder and the older threshold-then-code path beside
// it). Uses the
// built package, so build it first:
//   npx tsc -p libs/documents/tsconfig.lib.json && node tools/bench/conversion.bench.js
// `--skip-throughput` runs the profile only; `--repeat N` sets the rounds of ours against gs per
// scenario (default 3), alternating, so each ours/gs ratio is taken side by side.
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } = require('node:fs');
const { availableParallelism, cpus, loadavg, tmpdir, totalmem } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const sharp = require('sharp');
const PDFDocument = require('pdfkit');
const { createConversionPool, renderFaxTiff, textToPdf } = require('@faxbot/documents');

const TEXT_PAGES = 400;
const SCAN_PAGES = 20;
const CORES = availableParallelism();
const LIMITS = { maxPages: 1000, maxFileBytes: 200 * 1024 * 1024 };
const FAX_PAGE = { width: 1728, height: 2156 }; // Letter, fine
const PROFILE_TEXT_PAGES = 60;
const SKIP_THROUGHPUT = process.argv.includes('--skip-throughput');
// Rounds of ours (G4) against gs per scenario: `--repeat 5`. Rows show the median round.
const REPEAT_AT = process.argv.indexOf('--repeat');
const REPEAT = REPEAT_AT >= 0 && Number(process.argv[REPEAT_AT + 1]) >= 1 ? Math.floor(Number(process.argv[REPEAT_AT + 1])) : 3;
// Internals of the built package, for the profile only (the package exports none of them).
const DIST = join(__dirname, '..', '..', 'libs', 'documents', 'dist');

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
// CPU time of finished child processes (gs), from /proc: cutime + cstime, in clock ticks.
const childCpuSeconds = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
};

// Full pages of 84-column text, as dense as a fax page gets.
function denseText(pages) {
  const line = (n) => `${String(n).padStart(5, '0')} Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod t`.slice(0, 84);
  return Array.from({ length: pages * 57 }, (_, index) => line(index)).join('\n');
}

// Pages of a 200-dpi greyscale "scan": paper texture, a shaded band and dark text-like bars, JPEG.
async function scanLikePdf(pages) {
  const width = 1700;
  const height = 2200;
  const document = new PDFDocument({ autoFirstPage: false });
  const chunks = [];
  document.on('data', (chunk) => chunks.push(chunk));
  const done = new Promise((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  for (let page = 0; page < pages; page++) {
    const grey = Buffer.alloc(width * height);
    let seed = page + 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const band = y > 300 && y < 700 ? 90 : 0;
        const bar = y % 60 < 22 && y > 800 && x > 150 && x < 1550 && (x >> 4) % 7 !== 0 ? 170 : 0;
        grey[y * width + x] = Math.max(0, 235 - band - bar - (seed % 25));
      }
    }
    const jpeg = await sharp(grey, { raw: { width, height, channels: 1 } }).jpeg({ quality: 75 }).toBuffer();
    document.addPage({ size: [612, 792], margin: 0 });
    document.image(jpeg, 0, 0, { width: 612, height: 792 });
  }
  document.end();
  return done;
}

// `documents` copies of the PDF converted at once on a pool of `workers`; each conversion shares
// its pages over the pool, so one document alone uses every worker.
async function runOurs(pdf, pages, workers, compression, documents) {
  const pool = createConversionPool({ size: workers, taskTimeoutMs: 3_600_000 });
  try {
    // Start and warm every worker (thread start and loading PDFium are not conversion time).
    const small = (await textToPdf('warm-up', { pool })).bytes;
    await Promise.all(Array.from({ length: workers }, () => renderFaxTiff(small, { pool })));
    const cpu0 = cpuSeconds();
    const t0 = process.hrtime.bigint();
    const results = await Promise.all(Array.from({ length: documents }, () => renderFaxTiff(pdf, { pool, limits: LIMITS, compression })));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = cpuSeconds() - cpu0;
    const total = pages * documents;
    if (results.some((result) => result.pages !== pages)) throw new Error('page count mismatch');
    const bytes = results.reduce((sum, result) => sum + result.bytes.length, 0);
    return { seconds, pagesPerSecond: total / seconds, cpuPerPage: cpu / total, kbPerPage: bytes / total / 1024 };
  } finally {
    await pool.close();
  }
}

function gsAvailable() {
  const probe = spawnSync('gs', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

async function runGs(file, pages, processes, dir) {
  const cpu0 = childCpuSeconds();
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: processes }, (_, index) => {
      const out = join(dir, `gs-${index}.tif`);
      return new Promise((resolve, reject) => {
        // -g/-dFIXEDMEDIA/-dPDFFitPage: the same 1728 × 2156 fax page as ours (without them gs makes
        // Letter 1734 pixels wide); scaled to fit, as renderFaxTiff does.
        const args = ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiffg4', '-r204x196', `-g${FAX_PAGE.width}x${FAX_PAGE.height}`];
        const child = spawn('gs', [...args, '-dFIXEDMEDIA', '-dPDFFitPage', `-sOutputFile=${out}`, file], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gs exited with ${code}: ${stderr.trim()}`))));
      });
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = childCpuSeconds() - cpu0;
  const total = pages * processes;
  const bytes = Array.from({ length: processes }, (_, index) => statSync(join(dir, `gs-${index}.tif`)).size).reduce((a, b) => a + b, 0);
  // Ghostscript did the same work: every page, at the fax page size.
  for (let index = 0; index < processes; index++) {
    const metadata = await sharp(join(dir, `gs-${index}.tif`)).metadata();
    if (metadata.pages !== pages || metadata.width !== FAX_PAGE.width || metadata.height !== FAX_PAGE.height) {
      throw new Error(`gs wrote ${metadata.pages} pages of ${metadata.width} x ${metadata.height}, expected ${pages} of ${FAX_PAGE.width} x ${FAX_PAGE.height}`);
    }
  }
  return { seconds, pagesPerSecond: total / seconds, cpuPerPage: cpu / total, kbPerPage: bytes / total / 1024 };
}

// One thread, no pool: where the time of a page goes, through the same functions the worker task
// calls (renderFaxTiffTask), each step timed on its own.
async function profilePages(pdf, maxPages) {
  const { usePdfium } = require(join(DIST, 'pdf', 'pdfium.js'));
  const { PdfiumDocument } = require(join(DIST, 'pdf', 'pdfium-document.js'));
  const { PdfiumBitmap } = require(join(DIST, 'pdf', 'pdfium-bitmap.js'));
  const { assertPageImagesWithin } = require(join(DIST, 'pdf', 'pdfium-image-limit.js'));
  const { renderPdfiumPage } = require(join(DIST, 'pdf', 'pdfium-render-page.js'));
  const { thresholdGrey } = require(join(DIST, 'raster', 'threshold-grey.js'));
  const { thresholdedGreyRows } = require(join(DIST, 'raster', 'grey-changing-elements.js'));
  const { PdfiumGreyCoder } = require(join(DIST, 'pdf', 'pdfium-grey-coder.js'));
  const { encodeFaxPage, encodeFaxRows } = require(join(DIST, 'tiff', 'fax-page.encoder.js'));
  const { writeFaxTiff } = require(join(DIST, 'tiff', 'fax-tiff.writer.js'));
  const { faxPageGeometry } = require(join(DIST, 'page-size.js'));
  const { resolveLimits } = require(join(DIST, 'limits', 'document-limits.js'));
  const limits = resolveLimits(LIMITS);
  const box = faxPageGeometry('letter', 'fine');
  const totals = new Map();
  const timed = (step, work) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = work();
    const cpu = process.cpuUsage(cpu0);
    const total = totals.get(step) ?? { wallMs: 0, cpuMs: 0 };
    totals.set(step, { wallMs: total.wallMs + performance.now() - t0, cpuMs: total.cpuMs + (cpu.user + cpu.system) / 1000 });
    return result;
  };
  return usePdfium((pdfium) => {
    const document = timed('PDFium: open the document (whole file)', () => PdfiumDocument.open(pdfium, pdf, limits));
    const bitmap = PdfiumBitmap.create(pdfium, box.width, box.height, 'grey');
    const coder = PdfiumGreyCoder.create(pdfium, box.width, box.height);
    try {
      // Page 1 once, uncounted: loads the fonts and warms the JIT.
      renderPdfiumPage(document, 0, bitmap, box, limits.maxImagePixels);
      const pages = Math.min(document.pageCount, maxPages);
      const coded = [];
      for (let index = 0; index < pages; index++) {
        // Loading the page (PDFium parses its content there) and the image-size check apart;
        // renderPdfiumPage does both again before drawing.
        const page = timed('alternative: load and close the page alone', () => document.loadPage(index));
        timed('alternative: image-size check alone (page loaded)', () => assertPageImagesWithin(pdfium, page, index + 1, limits.maxImagePixels));
        timed('alternative: load and close the page alone', () => pdfium._FPDF_ClosePage(page));
        timed('PDFium render (load page, image-size check, draw grey)', () => renderPdfiumPage(document, index, bitmap, box, limits.maxImagePixels));
        const grey = bitmap.pixels();
        // What renderFaxTiffTask does with a threshold: G4 straight from the grey bytes, in
        // WebAssembly with SIMD in PDFium's heap (the JavaScript coder beside it).
        coded.push(timed(`G4 coding from the grey rows (${coder.usesSimd ? 'WebAssembly SIMD' : 'JavaScript'})`, () => coder.encode(grey, box.width, box.height, 'g4', box.yDpi)));
        timed('alternative: G4 coding from the grey rows in JavaScript', () => encodeFaxRows(thresholdedGreyRows(grey, box.width, box.height), 'g4', box.yDpi));
        timed('alternative: G3 1-D from the grey rows (changes found with SIMD)', () => coder.encode(grey, box.width, box.height, 'g3', box.yDpi));
        timed('alternative: G3 2-D from the grey rows (changes found with SIMD)', () => coder.encode(grey, box.width, box.height, 'g3-2d', box.yDpi));
        // The packed path (still used for dithering), as before: threshold into packed rows, then G4.
        const packed = timed('alternative: threshold grey → packed rows', () => thresholdGrey(grey, box.width, box.height));
        timed('alternative: G4 coding from packed rows', () => encodeFaxPage(packed, 'g4', box.yDpi));
      }
      timed('TIFF assembly (whole file)', () => writeFaxTiff(coded, box));
      return { pages, totals };
    } finally {
      coder.destroy();
      bitmap.destroy();
      document.close();
    }
  });
}

function printProfile(label, { pages, totals }) {
  const perPage = (ms) => (ms / pages).toFixed(1);
  const aside = (step) => step.startsWith('alternative');
  const pipelineCpu = [...totals].filter(([step]) => !aside(step)).reduce((sum, [, total]) => sum + total.cpuMs, 0);
  const rows = [...totals].map(([step, total]) => ({
    step,
    'wall ms/page': perPage(total.wallMs),
    'CPU ms/page': perPage(total.cpuMs),
    'share of CPU': aside(step) ? '' : `${((total.cpuMs / pipelineCpu) * 100).toFixed(0)} %`,
  }));
  console.log(`profile: ${label}, ${pages} pages, one thread`);
  console.table(rows);
}

const row = (label, engine, scenario, result) => ({
  document: label,
  engine,
  scenario,
  'pages/s': result.pagesPerSecond.toFixed(1),
  'CPU s/page': result.cpuPerPage.toFixed(3),
  'wall s': result.seconds.toFixed(1),
  'KB/page': result.kbPerPage.toFixed(1),
});

(async () => {
  console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, pool size ${CORES}`);
  // Other work on the machine shows up as lower pages/s, mostly in the full-pool rows.
  console.log(`load average at start: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  try {
    const generator = createConversionPool({ size: 1 });
    const t0 = Date.now();
    const text = await textToPdf(denseText(TEXT_PAGES), { pool: generator, limits: LIMITS });
    console.log(`generated: ${TEXT_PAGES}-page text PDF (${(text.bytes.length / 1024).toFixed(0)} KB) with textToPdf in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await generator.close();
    const scan = await scanLikePdf(SCAN_PAGES);
    console.log(`generated: ${SCAN_PAGES}-page scan-like PDF (${(scan.length / 1024 / 1024).toFixed(1)} MB, 1700 x 2200 grey JPEG per page)`);
    const documents = [
      { label: `text ${TEXT_PAGES} p`, pdf: text.bytes, pages: TEXT_PAGES },
      { label: `scan ${SCAN_PAGES} p`, pdf: scan, pages: SCAN_PAGES },
    ];
    const gs = gsAvailable();
    console.log(gs === null ? 'Ghostscript: gs is NOT on PATH, so no gs comparison in this run.' : `Ghostscript: gs ${gs} found, running it on the same files.`);
    const rows = [];
    const ratios = [];
    for (const document of SKIP_THROUGHPUT ? [] : documents) {
      const file = join(dir, `${document.label.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(file, document.pdf);
      // One document on one worker against one gs (cost per core); one document shared over the
      // whole pool against one gs (the target: gs converts a file on one core); as many documents
      // at once as there are cores against as many gs processes (a busy gateway).
      const scenarios = [
        { scenario: 'one document, one worker', workers: 1, documents: 1 },
        { scenario: `one document, pool of ${CORES}`, workers: CORES, documents: 1 },
        { scenario: `${CORES} documents at once, pool of ${CORES}`, workers: CORES, documents: CORES },
      ].filter((scenario, index) => CORES > 1 || index === 0);
      for (const { scenario, workers, documents } of scenarios) {
        const gsLabel = `${documents} gs process${documents > 1 ? 'es' : ''}`;
        // G4 and gs alternate, REPEAT times each, so load from elsewhere on the machine falls on
        // both; each ratio compares one run of ours with the gs run right after it.
        const pairs = [];
        for (let round = 0; round < (gs === null ? 1 : REPEAT); round++) {
          const ours = await runOurs(document.pdf, document.pages, workers, 'g4', documents);
          const theirs = gs === null ? null : await runGs(file, document.pages, documents, dir);
          pairs.push({ ours, theirs });
        }
        const middle = (results) => [...results].sort((a, b) => a.pagesPerSecond - b.pagesPerSecond)[Math.floor(results.length / 2)];
        rows.push(row(document.label, 'PDFium + ours, G4', scenario, middle(pairs.map((pair) => pair.ours))));
        rows.push(row(document.label, 'PDFium + ours, G3 1-D', scenario, await runOurs(document.pdf, document.pages, workers, 'g3', documents)));
        if (gs === null) continue;
        rows.push(row(document.label, 'gs tiffg4', gsLabel, middle(pairs.map((pair) => pair.theirs))));
        const speed = pairs.map(({ ours, theirs }) => ours.pagesPerSecond / theirs.pagesPerSecond).sort((a, b) => a - b);
        const cpu = pairs.map(({ ours, theirs }) => ours.cpuPerPage / theirs.cpuPerPage).sort((a, b) => a - b);
        const spread = (values) => `${values[Math.floor(values.length / 2)].toFixed(2)} (${values[0].toFixed(2)}–${values[values.length - 1].toFixed(2)})`;
        ratios.push({ document: document.label, scenario: `${scenario} vs ${gsLabel}`, 'ours/gs pages/s, median (range)': spread(speed), 'ours/gs CPU per page, median (range)': spread(cpu) });
      }
    }
    if (rows.length > 0) console.table(rows);
    if (ratios.length > 0) console.table(ratios);
    printProfile(`text, first ${PROFILE_TEXT_PAGES} pages`, await profilePages(text.bytes, PROFILE_TEXT_PAGES));
    printProfile(`scan, ${SCAN_PAGES} pages`, await profilePages(scan, SCAN_PAGES));
    console.log(`load average at end: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (main thread and workers)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
