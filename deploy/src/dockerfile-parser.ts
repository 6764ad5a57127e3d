/**
 * A small Dockerfile reader: enough of the syntax to check this repository's Dockerfile (stages,
 * line continuations, comments, exec and shell forms, flags, ENV pairs), not a full BuildKit
 * frontend. Heredocs and a custom `# escape=` character are not supported.
 */

export interface Instruction {
  /** Upper-case keyword, e.g. "RUN". */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
}

export interface Stage {
  /** Position in the file, 0-based (what `COPY --from=0` names). */
  index: number;
  /** The `AS` name, lower-cased, when there is one. */
  name: string | undefined;
  /** The FROM operand: an image reference or an earlier stage's name. */
  base: string;
  line: number;
  /** The stage's instructions after its FROM. */
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of logicalLines(text)) {
    if (instruction.keyword === 'FROM') {
      const { rest } = splitFlags(instruction.args);
      const [base = '', as, name] = rest.split(/\s+/);
      stages.push({
        index: stages.length,
        name: as?.toUpperCase() === 'AS' ? name?.toLowerCase() : undefined,
        base,
        line: instruction.line,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage named `ref` (an `AS` name or an index), if the file defines it. */
export function findStage(stages: readonly Stage[], ref: string): Stage | undefined {
  if (/^\d+$/.test(ref)) return stages[Number(ref)];
  return stages.find((stage) => stage.name === ref.toLowerCase());
}

/**
 * The stage preceded by the in-file stages it is built FROM, outermost first: the instructions an
 * image built with `--target <stage>` inherits, in order.
 */
export function stageChain(stages: readonly Stage[], stage: Stage): Stage[] {
  const chain = [stage];
  // An in-file parent always comes earlier; the index check also stops `FROM x AS x` loops.
  for (let child = stage, parent = findStage(stages, stage.base); parent && parent.index < child.index;
    child = parent, parent = findStage(stages, parent.base)) {
    chain.unshift(parent);
  }
  return chain;
}

const FLAG = /^--(?<name>[\w-]+)(?:=(?<value>\S*))?\s*/;

/** Leading `--name=value` flags (`--from=build`, `--interval=5s`) and the remaining text. */
export function splitFlags(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args.trim();
  for (let match = FLAG.exec(rest); match?.groups; match = FLAG.exec(rest)) {
    flags.set((match.groups['name'] ?? '').toLowerCase(), match.groups['value'] ?? 'true');
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** Operands of an instruction in exec form (`["a", "b"]`) or shell-like words, quotes removed. */
export function words(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
    } catch {
      // Not valid JSON: Docker then treats it as shell form too.
    }
  }
  // Shell-like words: quotes may appear inside a word (B="two words"), backslash escapes outside '...'.
  const result: string[] = [];
  const chars = [...trimmed];
  let word: string | undefined;
  let quote: string | undefined;
  for (let char = chars.shift(); char !== undefined; char = chars.shift()) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char === '\\' && quote === '"' ? chars.shift() ?? '' : char;
    } else if (/\s/.test(char)) {
      if (word !== undefined) result.push(word);
      word = undefined;
    } else {
      word ??= '';
      if (char === '"' || char === "'") quote = char;
      else word += char === '\\' ? chars.shift() ?? '' : char;
    }
  }
  if (word !== undefined) result.push(word);
  return result;
}

/** ENV operands as pairs: `K=V K2="a b"`, or the legacy `K value with spaces`. */
export function envPairs(args: string): [string, string][] {
  const trimmed = args.trim();
  const legacy = /^([A-Za-z_][\w.-]*)\s+([^=]*)$/.exec(trimmed);
  if (legacy && !/^\S+=/.test(trimmed)) return [[legacy[1] ?? '', (legacy[2] ?? '').trim()]];
  return words(trimmed).map((word) => {
    const equals = word.indexOf('=');
    return equals < 0 ? [word, ''] : [word.slice(0, equals), word.slice(equals + 1)];
  });
}

function* logicalLines(text: string): Generator<Instruction> {
  const lines = text.split(/\r?\n/).map((content, index) => ({ content: content.trim(), line: index + 1 }));
  for (let first = lines.shift(); first !== undefined; first = lines.shift()) {
    if (first.content === '' || first.content.startsWith('#')) continue;
    let joined = first.content;
    for (let next = joined.endsWith('\\') ? lines.shift() : undefined; next !== undefined;
      next = joined.endsWith('\\') ? lines.shift() : undefined) {
      // Docker drops comment lines and empty lines inside a continued instruction.
      if (next.content !== '' && !next.content.startsWith('#')) joined = `${joined.slice(0, -1).trimEnd()} ${next.content}`;
    }
    const [keyword = ''] = joined.split(/\s+/, 1);
    const args = joined.slice(keyword.length).replace(/\s*\\$/, '').trim();
    yield { keyword: keyword.toUpperCase(), args, line: first.line };
  }
}
