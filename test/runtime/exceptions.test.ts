import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../port/exceptions.ts';
import { BaseException, Exception, ValueError, pythonMessage, pythonTypeName } from '../../runtime/exceptions.ts';

describe('Python exceptions without JS stacks', () => {
  afterEach(() => {
    BaseException.jsStacks = false;
  });

  it('stay JS Errors with Python names and messages', () => {
    const e = new ValueError('boom');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(Exception);
    expect(e.message).toBe('boom');
    expect(e.args).toEqual(['boom']);
    expect(pythonTypeName(e)).toBe('ValueError');
    expect(pythonMessage(new CancelledError())).toBe('');
    expect(new CancelledError()).not.toBeInstanceOf(Exception);
  });

  it('record no JS frames by default, and do not change what JS errors record', () => {
    expect(new ValueError('boom').stack).toBe('ValueError: boom');
    const limit = Error.stackTraceLimit;
    expect(new Error('a bug').stack!.split('\n').length).toBeGreaterThan(1);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('record JS frames when asked to (to see where the port raised one)', () => {
    BaseException.jsStacks = true;
    const stack = new ValueError('boom').stack!;
    expect(stack.split('\n')[0]).toBe('ValueError: boom');
    expect(stack).toContain('exceptions.test.ts');
  });
});
