// Bundles an entry that imports from the installed package, as an app's bundler would: esbuild,
// bundle + minify + tree shaking, ESM. Returns the minified output.
import { build } from 'esbuild';

export async function bundle(consumerDir: string, entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: consumerDir, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Strings that survive minification and exist only in the client's code (and openapi-fetch's). */
export const CLIENT_MARKERS = ['application/json', 'idempotency-key', 'EcommerceClient: options', 'globalThis.fetch', 'deepObject'];
