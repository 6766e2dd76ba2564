/** A byte count for people: `10485760` → `10 MB`, `1500` → `1.5 kB`. */
export function formatSize(bytes: number): string {
  const round = (value: number): number => Math.round(value * 10) / 10;
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
