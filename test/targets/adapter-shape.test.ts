/** targets/adapter-shape.ts: what an adapter module exports and returns, checked field by field. */
import { describe, expect, it } from 'vitest';
import { checkAdapterModule, checkAdapterResult, looksLikeAdapterPath, unknownFeatureProblem } from '../../targets/adapter-shape.ts';
import { constraintsWithin } from '../../targets/features.ts';

const run = () => ({ trace: [], outcome: { kind: 'ok' } });

describe('checkAdapterModule', () => {
  it('keeps name, compares and features of a well-formed adapter', () => {
    expect(checkAdapterModule({ name: 'p', compares: 'order', features: { gather: false }, run })).toEqual({ name: 'p', compares: 'order', features: { gather: false } });
  });

  it('says every wrong field at once', () => {
    const checked = checkAdapterModule({ name: '', compares: 'times', run: 3, features: { gather: 'no' }, interfaceVersion: 2 });
    expect(checked).toEqual({
      problems: [
        'name must be a non-empty string, got ""',
        "compares must be 'time' or 'order', got \"times\"",
        'run must be a function (input) => { trace, outcome }, got 3',
        'interfaceVersion 2 is not one this suite speaks (1)',
        'features.gather must be true or false, got "no"',
      ],
    });
  });

  it('a module without a default export', () => {
    expect(checkAdapterModule(undefined)).toEqual({ problems: [expect.stringContaining('no default export')] });
  });
});

describe('checkAdapterResult', () => {
  it('fills what an order-only adapter may leave out', () => {
    expect(checkAdapterResult({ trace: [{ text: 'a\n' }, { text: 'b\n', task: 'Task-2' }], outcome: { kind: 'ok' } }, 'order')).toEqual({
      trace: [
        { text: 'a\n', time: 0, task: null, iteration: 0 },
        { text: 'b\n', time: 0, task: 'Task-2', iteration: 0 },
      ],
      outcome: { kind: 'ok' },
      endTime: 0,
      iterations: 0,
    });
  });

  it.each([
    [null, 'run must return (or resolve to) an object { trace, outcome }, got null'],
    [{ trace: 'a', outcome: { kind: 'ok' } }, 'trace must be an array of { text, time?, task?, iteration? }, got "a"'],
    [{ trace: [{ text: 42, time: 0 }], outcome: { kind: 'ok' } }, 'trace[0].text must be a string (what was printed, newline included), got 42'],
    [{ trace: [{ text: 'a\n', time: 0 }, { text: 'b\n', time: NaN }], outcome: { kind: 'ok' } }, "trace[1].time must be a finite number of virtual seconds (the adapter compares: 'time'), got NaN"],
    [{ trace: [{ text: 'a\n' }], outcome: { kind: 'ok' } }, "trace[0].time must be a finite number of virtual seconds (the adapter compares: 'time'), got undefined"],
    [{ trace: [{ text: 'a\n', time: 0, iteration: 1.5 }], outcome: { kind: 'ok' } }, 'trace[0].iteration must be a whole number >= 0, got 1.5'],
    [{ trace: [], outcome: { kind: 'fine' } }, 'outcome.kind must be one of ok, exception, deadlock, budget, got "fine"'],
    [{ trace: [], outcome: { kind: 'exception', type: 'ValueError' } }, 'outcome.message must be a string (str() of the exception), got undefined'],
    [{ trace: [], outcome: { kind: 'budget', limit: 'wallclock' } }, "outcome.limit must be 'iterations' or 'time', got \"wallclock\""],
    [{ trace: [], outcome: { kind: 'ok' }, endTime: Infinity }, 'endTime must be a finite number, got Infinity'],
  ])('garbage %#: says which field is wrong', (value, problem) => {
    expect(checkAdapterResult(value, 'time')).toEqual({ problem });
  });

  it('a time that is there must be finite even when only the order is compared', () => {
    expect(checkAdapterResult({ trace: [{ text: 'a\n', time: NaN }], outcome: { kind: 'ok' } }, 'order')).toEqual({ problem: 'trace[0].time must be a finite number of virtual seconds, got NaN' });
  });
});

describe('features', () => {
  it('an unknown feature name is said with the known ones', () => {
    expect(unknownFeatureProblem({ gather: false })).toBeUndefined();
    expect(unknownFeatureProblem({ telepathy: false } as never)).toMatch(/"telepathy".*known: createTask, .*cancel/);
  });

  it('a target lacking a feature turns it off; asking for it is an error', () => {
    expect(constraintsWithin({ maxFunctions: 3 }, { gather: false, sleep: true }, 'x')).toEqual({ maxFunctions: 3, features: { gather: false } });
    expect(constraintsWithin(undefined, { sleep: true }, 'x')).toBeUndefined();
    expect(() => constraintsWithin({ features: { gather: true } }, { gather: false }, './a.mjs')).toThrow('target ./a.mjs does not support gather');
  });
});

describe('looksLikeAdapterPath', () => {
  it('a module file is an adapter; an interpreter path is an oracle', () => {
    for (const path of ['./a.mjs', 'a.js', '/x/a.ts', 'C:\\a.mts']) expect(looksLikeAdapterPath(path)).toBe(true);
    for (const path of ['/usr/bin/python3', 'cpython-3.14', 'port']) expect(looksLikeAdapterPath(path)).toBe(false);
  });
});
