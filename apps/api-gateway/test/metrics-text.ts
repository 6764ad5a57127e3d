/**
 * The value of one sample in Prometheus text, by metric name and exact labels (in the order the
 * registry writes them); 0 when the series does not exist yet.
 */
export function sampleValue(text: string, name: string, labels: Record<string, string>): number {
  const rendered = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).join(',');
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${rendered}} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** GET a /metrics endpoint's text; throws unless 200 in the Prometheus text format. */
export async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('text/plain; version=0.0.4')) throw new Error(`${url}: ${response.status} ${type}`);
  return response.text();
}
