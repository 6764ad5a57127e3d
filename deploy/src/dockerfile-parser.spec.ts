import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envPairs, findStage, parseDockerfile, splitFlags, stageChain, words } from './dockerfile-parser.js';

const SAMPLE = `# comment
ARG NODE_VERSION=20
FROM node:\${NODE_VERSION} AS Base
RUN apt-get update \\
    # a comment inside a continued instruction
    && apt-get install -y curl

FROM base AS app
HEALTHCHECK --interval=5s CMD ["node", "probe.mjs"]
FROM app
ENV A=1 B="two words"
`;

test('stages: names lower-cased, instructions grouped, continuations joined without comments', () => {
  const stages = parseDockerfile(SAMPLE);
  assert.deepEqual(stages.map((stage) => [stage.index, stage.name, stage.base]), [
    [0, 'base', 'node:${NODE_VERSION}'], [1, 'app', 'base'], [2, undefined, 'app'],
  ]);
  assert.deepEqual(stages[0].instructions, [{ keyword: 'RUN', args: 'apt-get update && apt-get install -y curl', line: 4 }]);
});

test('stageChain follows FROM <stage> back to the first in-file ancestor; findStage takes names or indexes', () => {
  const stages = parseDockerfile(SAMPLE);
  assert.deepEqual(stageChain(stages, stages[2]).map((stage) => stage.index), [0, 1, 2]);
  assert.equal(findStage(stages, 'APP')?.index, 1);
  assert.equal(findStage(stages, '0')?.name, 'base');
  assert.equal(findStage(stages, 'node:20'), undefined);
});

test('flags, exec-form and shell words, ENV pairs in both syntaxes', () => {
  const { flags, rest } = splitFlags('--interval=5s --timeout=4s CMD node probe.mjs');
  assert.deepEqual([...flags], [['interval', '5s'], ['timeout', '4s']]);
  assert.equal(rest, 'CMD node probe.mjs');
  assert.deepEqual(words('["node", "main.js"]'), ['node', 'main.js']);
  assert.deepEqual(words(`a "b c" 'd e'`), ['a', 'b c', 'd e']);
  assert.deepEqual(envPairs('A=1 B="two words"'), [['A', '1'], ['B', 'two words']]);
  assert.deepEqual(envPairs('LEGACY value with spaces'), [['LEGACY', 'value with spaces']]);
});
