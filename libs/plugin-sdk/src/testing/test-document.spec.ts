import { createTestDocument, minimalFaxTiff, minimalPdf } from './test-document';

async function fetchStatus(url: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('createTestDocument', () => {
  it('serves its PDF at a tokenised URL over real HTTP, counting fetches', async () => {
    const document = createTestDocument();
    try {
      const url = await document.createPublicUrl?.({ ttlSeconds: 60 });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fax\/document\.pdf\?token=[A-Za-z0-9_-]{32}$/);
      const fetched = await fetchStatus(String(url));
      expect(fetched.status).toBe(200);
      expect(fetched.bytes).toEqual(await document.read());
      expect(document.fetches).toBe(1);
      expect(document.publicUrls).toEqual([url]);
      expect((await fetchStatus(String(url).replace(/token=.*/, 'token=wrong'))).status).toBe(403);
      expect(document.fetches).toBe(1);
    } finally {
      await document.close();
    }
  });

  it('refuses an expired token with 410', async () => {
    const document = createTestDocument();
    try {
      const url = String(await document.createPublicUrl?.({ ttlSeconds: 0 }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await fetchStatus(url)).status).toBe(410);
    } finally {
      await document.close();
    }
  });

  it('has no public URL when asked not to, and closes without a server', async () => {
    const document = createTestDocument({ publicUrl: false, bytes: Buffer.from('%PDF-1.4 x'), fileName: 'x.pdf' });
    expect(document.createPublicUrl).toBeUndefined();
    expect(document).toMatchObject({ type: 'pdf', fileName: 'x.pdf', sizeBytes: 10 });
    await document.close();
  });

  it('renders a fax TIFF on request', async () => {
    const document = createTestDocument({ publicUrl: false });
    const tiff = await document.toFaxTiff?.();
    expect(tiff?.pages).toBe(1);
    expect(tiff?.bytes.subarray(0, 4)).toEqual(Buffer.from([0x49, 0x49, 42, 0]));
  });
});

describe('minimalPdf and minimalFaxTiff', () => {
  it('builds a PDF whose cross-reference offsets point at its objects', () => {
    const pdf = minimalPdf('hello').toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => expect(pdf.slice(offset, offset + 8)).toBe(`${index + 1} 0 obj\n`));
  });

  it('builds a one-page TIFF 1728 pixels wide at 204x196 dpi', () => {
    const tiff = minimalFaxTiff(4);
    const ifd = tiff.readUInt32LE(4);
    const entries = tiff.readUInt16LE(ifd);
    const tags = new Map<number, number>();
    for (let index = 0; index < entries; index += 1) {
      const at = ifd + 2 + index * 12;
      const type = tiff.readUInt16LE(at + 2);
      tags.set(tiff.readUInt16LE(at), type === 3 ? tiff.readUInt16LE(at + 8) : tiff.readUInt32LE(at + 8));
    }
    expect(tags.get(256)).toBe(1728);
    expect(tags.get(257)).toBe(4);
    expect(tags.get(258)).toBe(1);
    const xres = tags.get(282) as number;
    const yres = tags.get(283) as number;
    expect(tiff.readUInt32LE(xres) / tiff.readUInt32LE(xres + 4)).toBe(204);
    expect(tiff.readUInt32LE(yres) / tiff.readUInt32LE(yres + 4)).toBe(196);
    expect(tiff.length).toBe((tags.get(273) as number) + (tags.get(279) as number));
  });
});
