import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandVars, parseDockerfile, runScript } from './parser.js';

describe('Dockerfile parser', () => {
  it('reads parser directives only at the top', () => {
    const df = parseDockerfile(
      '# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\nFROM alpine\n# escape=`\nRUN echo\n',
    );
    assert.deepEqual(df.directives, { syntax: 'docker/dockerfile:1.7', check: 'skip=JSONArgsRecommended' });
    assert.equal(df.escape, '\\');
  });

  it('joins continuations, skipping comment and blank lines inside them, and keeps line numbers', () => {
    const df = parseDockerfile(
      'FROM debian\nRUN apt-get update && \\\n    # comment\n\n    apt-get install -y curl\nUSER app\n',
    );
    const run = df.instructions[1]!;
    assert.equal(run.keyword, 'RUN');
    assert.equal(run.line, 2);
    assert.equal(run.endLine, 5);
    assert.equal(run.args, 'apt-get update &&     apt-get install -y curl');
    assert.equal(df.instructions[2]!.line, 6);
  });

  it('honours the backtick escape directive', () => {
    const df = parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\nCOPY . C:\\app\n',
    );
    assert.equal(df.escape, '`');
    assert.equal(df.instructions[1]!.args, 'dir c:\\     && echo done');
    assert.equal(df.instructions[2]!.args, '. C:\\app');
  });

  it('reads heredocs, including <<- and quoted delimiters, and several on one line', () => {
    const df = parseDockerfile(
      'FROM alpine\nRUN <<EOF\napk add curl\necho "$HOME"\nEOF\nCOPY <<-"A" /a <<B /b\n\thello\n\tA\nworld\nB\nUSER 1\n',
    );
    const run = df.instructions[1]!;
    assert.equal(run.heredocs[0]!.body, 'apk add curl\necho "$HOME"\n');
    assert.equal(runScript(run), '<<EOF\napk add curl\necho "$HOME"\n');
    const copy = df.instructions[2]!;
    assert.deepEqual(
      copy.heredocs.map((h) => [h.name, h.chomp, h.quoted, h.body]),
      [
        ['A', true, true, 'hello\n'],
        ['B', false, false, 'world\n'],
      ],
    );
    assert.equal(df.instructions[3]!.keyword, 'USER');
    assert.equal(df.instructions[3]!.line, 11);
    assert.deepEqual(df.problems, []);
  });

  it('reports an unterminated heredoc', () => {
    const df = parseDockerfile('FROM alpine\nRUN <<EOF\necho hi\n');
    assert.match(df.problems[0]!.message, /heredoc EOF is not terminated/);
  });

  it('parses flags and the JSON form', () => {
    const df = parseDockerfile(
      'FROM alpine\nCOPY --from=build --chown=app:app ["a b", "/dst/"]\nRUN --mount=type=cache,target=/root/.cache make\nCMD ["run", "--x"]\n',
    );
    assert.deepEqual(df.instructions[1]!.flags, [
      { name: 'from', value: 'build' },
      { name: 'chown', value: 'app:app' },
    ]);
    assert.deepEqual(df.instructions[1]!.json, ['a b', '/dst/']);
    assert.deepEqual(df.instructions[2]!.flags, [{ name: 'mount', value: 'type=cache,target=/root/.cache' }]);
    assert.deepEqual(df.instructions[3]!.json, ['run', '--x']);
  });

  it('substitutes global ARGs in FROM and stage ARG/ENV in later instructions', () => {
    const df = parseDockerfile(
      'ARG REG=docker.io\nARG TAG=3.20\nFROM ${REG}/library/alpine:${TAG} AS base\nARG TAG\nENV DIR=/srv/$TAG APP="my app"\nWORKDIR ${DIR}/x\nUSER ${UID:-1000}\nFROM base AS final\nWORKDIR $DIR\nLABEL v=${TAG:-none}\n',
      { buildArgs: { TAG: '3.21' } },
    );
    assert.equal(df.stages[0]!.base, 'docker.io/library/alpine:3.21');
    assert.equal(df.stages[0]!.name, 'base');
    assert.equal(df.instructions.find((i) => i.keyword === 'WORKDIR')!.expanded, '/srv/3.21/x');
    assert.equal(df.instructions.find((i) => i.keyword === 'USER')!.expanded, '1000');
    assert.deepEqual(df.stages[0]!.env, { DIR: '/srv/3.21', APP: 'my app' });
    // ENV is inherited by a stage built FROM another; ARG is not
    assert.equal(df.stages[1]!.instructions.find((i) => i.keyword === 'WORKDIR')!.expanded, '/srv/3.21');
    assert.equal(df.stages[1]!.instructions.find((i) => i.keyword === 'LABEL')!.expanded, 'v=none');
  });

  it('expands the ${V:-w} ${V-w} ${V:+w} ${V+w} forms and escaped dollars', () => {
    const vars = { SET: 'x', EMPTY: '' };
    assert.equal(
      expandVars('${EMPTY:-d}|${EMPTY-d}|${UNSET-d}|${SET:+a}|${EMPTY:+a}|${EMPTY+a}|\\$SET|$SET$', vars),
      'd||d|a||a|$SET|x$',
    );
  });

  it('reports unknown instructions, instructions before FROM and a missing FROM', () => {
    assert.deepEqual(
      parseDockerfile('RUN echo\nFROM alpine\nFROBNICATE x\n').problems.map((p) => [p.line, p.message]),
      [
        [1, 'RUN before the first FROM'],
        [3, 'unknown instruction FROBNICATE'],
      ],
    );
    assert.match(parseDockerfile('# just a comment\n').problems.length ? 'x' : '', /^$/);
    assert.deepEqual(parseDockerfile('ARG X=1\n').problems, [{ line: 1, message: 'no FROM instruction' }]);
  });
});
