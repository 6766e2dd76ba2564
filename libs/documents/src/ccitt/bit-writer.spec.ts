import { BitWriter } from './bit-writer';

describe('BitWriter', () => {
  it('packs codes most significant bit first and pads the last byte with zeros', () => {
    const writer = new BitWriter(16);
    writer.write(0b1, 1);
    writer.write(0b011, 3);
    writer.write(0b000000000001, 12);
    writer.write(0b11, 2);
    expect([...writer.finish()]).toEqual([0b10110000, 0b00000001, 0b11000000]);
  });

  it('reports the offset from the last byte boundary and aligns to it', () => {
    const writer = new BitWriter(16);
    writer.write(0b101, 3);
    expect(writer.bitOffset).toBe(3);
    writer.alignToByte();
    expect(writer.bitOffset).toBe(0);
    writer.alignToByte();
    expect([...writer.finish()]).toEqual([0b10100000]);
  });

  it('grows past its first buffer', () => {
    const writer = new BitWriter(16);
    for (let index = 0; index < 1000; index++) writer.write(0xab, 8);
    const bytes = writer.finish();
    expect(bytes).toHaveLength(1000);
    expect(bytes.every((byte) => byte === 0xab)).toBe(true);
  });
});
