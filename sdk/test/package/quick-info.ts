// What an editor shows on hover: the TypeScript language service's quick info at a position.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The quick-info text (e.g. "const product: Product") at the first occurrence of `marker` in `file`. */
export function quickInfoAt(projectDir: string, file: string, marker: string, compilerOptions: Record<string, unknown>): string {
  const fileName = join(projectDir, file);
  const text = readFileSync(fileName, 'utf8');
  const position = text.indexOf(marker);
  if (position < 0) throw new Error(`${marker} not found in ${file}`);
  const { options, errors } = ts.convertCompilerOptionsFromJson(compilerOptions, projectDir);
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]?.messageText, '\n'));
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name) ?? '') : undefined),
    getCurrentDirectory: () => projectDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const info = service.getQuickInfoAtPosition(fileName, position);
  service.dispose();
  return ts.displayPartsToString(info?.displayParts);
}
